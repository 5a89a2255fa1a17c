<?php

/**
 * The `<candidacy-quiz>` element as the Rust side describes it (includes/element.json, rendered
 * by tests/wordpress_generated.rs): its attributes, the longest value it takes, and the words of
 * the contact details shown when the widget cannot run.
 */

namespace Candidacy;

final class Element
{
    /** @var array<string, mixed>|null */
    private static ?array $table = null;

    /** @return array<string, mixed> */
    private static function table(): array
    {
        if (self::$table === null) {
            $text = file_get_contents(__DIR__ . '/element.json');
            $table = is_string($text) ? json_decode($text, true) : null;
            self::$table = is_array($table) ? $table : ['attributes' => [], 'maxLength' => 0, 'fallbackWords' => []];
        }
        return self::$table;
    }

    /** @return list<array{name: string, property: string, kind: string, choices: list<string>, reader: string}> */
    public static function attributes(): array
    {
        return self::table()['attributes'];
    }

    /** @return array{name: string, property: string, kind: string, choices: list<string>, reader: string}|null */
    public static function attribute(string $name): ?array
    {
        foreach (self::attributes() as $attribute) {
            if ($attribute['name'] === $name) {
                return $attribute;
            }
        }
        return null;
    }

    /** The attribute whose camelCase property is `$property` (a block attribute), or null. */
    public static function byProperty(string $property): ?array
    {
        foreach (self::attributes() as $attribute) {
            if ($attribute['property'] === $property) {
                return $attribute;
            }
        }
        return null;
    }

    public static function maxLength(): int
    {
        return (int) self::table()['maxLength'];
    }

    /** iframe mode's frame style, as `candidacy snippet --iframe` prints it: a block element. */
    public static function frameStyle(): string
    {
        return (string) self::table()['frameStyle'];
    }

    /**
     * The fallback's words in `$locale`'s language, English for one the widget does not speak.
     *
     * @return array<string, string>
     */
    public static function words(string $locale): array
    {
        $words = self::table()['fallbackWords'];
        $language = strtolower(explode('-', str_replace('_', '-', $locale))[0]);
        return $words[$language] ?? $words['en'];
    }
}
