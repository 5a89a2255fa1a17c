<?php

/**
 * The quiz in a page: `[candidacy]` and the `candidacy/quiz` block render the same element. Only
 * the element's documented attributes are printed, escaped, over the settings' defaults; inside
 * it, the clinic's contact details, which the browser shows when the loader cannot run.
 */

namespace Candidacy;

final class Embed
{
    /**
     * `[candidacy phone="…" booking-url="…" mode="popup" analytics]`.
     *
     * @param array<int|string, string>|string $given
     */
    public static function shortcode($given): string
    {
        $attributes = [];
        $notes = [];
        foreach (is_array($given) ? $given : [] as $key => $value) {
            // `[candidacy analytics]`: a switch written alone arrives as a value under a number.
            [$name, $value] = is_int($key) ? [strtolower((string) $value), ''] : [(string) $key, (string) $value];
            $attribute = Element::attribute($name);
            if ($attribute === null) {
                $notes[] = sprintf('ignoring shortcode attribute `%s`: the quiz has no such attribute', $name);
                continue;
            }
            $attributes[$name] = $value;
        }
        return self::render($attributes, $notes);
    }

    /**
     * The block: its attributes are the element's, in camelCase.
     *
     * @param array<string, mixed> $given
     */
    public static function block(array $given): string
    {
        $attributes = [];
        foreach ($given as $property => $value) {
            $attribute = Element::byProperty((string) $property);
            if ($attribute === null || $value === '' || $value === null) {
                continue;
            }
            $attributes[$attribute['name']] = match (true) {
                is_bool($value) => $value ? '' : 'false',
                is_array($value) => (string) wp_json_encode((object) $value),
                default => (string) $value,
            };
        }
        return self::render($attributes, []);
    }

    /**
     * The settings' attributes with `$given` over them; a value the widget would refuse is left
     * out (the setting stays) and named, with `$notes`, in a comment only editors see.
     *
     * @param array<string, string> $given
     * @param list<string> $notes
     */
    public static function render(array $given, array $notes): string
    {
        $attributes = Settings::attributes();
        foreach ($given as $name => $value) {
            if ($name === 'protocol') {
                $value = self::protocolUrl($value);
            }
            $why = Validator::why($name, $value);
            if ($why !== null) {
                $notes[] = sprintf('ignoring attribute `%s`: %s', $name, $why);
                continue;
            }
            $switch = Element::attribute($name)['kind'] === 'switch';
            if ($switch && Validator::trim($value) === 'false') {
                unset($attributes[$name]);
            } else {
                $attributes[$name] = $switch ? '' : Validator::trim($value);
            }
        }
        $locale = $attributes['locale'] ?? get_locale();
        $html = ($attributes['mode'] ?? 'inline') === 'iframe'
            ? self::frame($attributes, $locale)
            : self::element($attributes, $locale);
        return self::editorNote($notes) . $html;
    }

    /** A shipped protocol's name (`chemical-peel`) as its compiled file's URL; anything else as is. */
    public static function protocolUrl(string $value): string
    {
        if (in_array($value, Assets::protocols(), true)) {
            return Assets::url('protocols/' . $value . '.protocol.bin');
        }
        return $value;
    }

    /**
     * `<candidacy-quiz …>` with the contact details inside, and its loader enqueued (once per page,
     * only where a quiz is).
     *
     * @param array<string, string> $attributes
     */
    public static function element(array $attributes, string $locale): string
    {
        wp_enqueue_script(Assets::LOADER);
        $html = '<candidacy-quiz';
        if (isset($attributes['id']) && preg_match('/^[A-Za-z][\w-]*$/', $attributes['id'])) {
            $html .= sprintf(' id="%s"', esc_attr($attributes['id']));
        }
        foreach (Element::attributes() as $attribute) {
            $name = $attribute['name'];
            if (!isset($attributes[$name]) || ($name === 'mode' && $attributes[$name] === 'inline')) {
                continue;
            }
            $value = $attributes[$name];
            $html .= $attribute['kind'] === 'switch' ? ' ' . $name : sprintf(' %s="%s"', $name, esc_attr($value));
        }
        return $html . '><p>' . self::fallback($attributes, $locale) . '</p></candidacy-quiz>';
    }

    /**
     * iframe mode: the frame (its URL carries presentation only) and its parent script, which
     * sizes it and hands it the rest (`data-candidacy-config`; embed-config.json allows this site).
     *
     * @param array<string, string> $attributes
     */
    private static function frame(array $attributes, string $locale): string
    {
        if (!is_file(Assets::path('embed-config.json'))) {
            Assets::writeEmbedConfig();
        }
        wp_enqueue_script(Assets::FRAME_PARENT);
        $query = [];
        $config = [];
        foreach (Element::attributes() as $attribute) {
            $name = $attribute['name'];
            if (!isset($attributes[$name]) || $name === 'mode' || $attribute['reader'] !== 'widget') {
                continue;
            }
            $value = $attribute['kind'] === 'switch' ? true : $attributes[$name];
            if ($attribute['kind'] === 'object') {
                $value = json_decode($attributes[$name]);
            }
            if ($attribute['presentation']) {
                $query[$name] = $attributes[$name];
            } else {
                $config[$name] = $value;
            }
        }
        $src = Assets::url('embed.html') . ($query === [] ? '' : '?' . http_build_query($query));
        return sprintf(
            '<iframe data-candidacy-frame src="%s" title="%s" style="%s" loading="lazy" data-candidacy-config="%s">'
                . '</iframe><noscript><p>%s</p></noscript>',
            esc_url($src),
            esc_attr(Element::words($locale)['frameTitle']),
            esc_attr(Element::frameStyle()),
            esc_attr((string) wp_json_encode((object) $config)),
            self::fallback($attributes, $locale)
        );
    }

    /**
     * The widget's own fallback words: "You can still ask {clinic} whether the treatment suits
     * you." with the booking link and the phone (`candidacy snippet` prints the same).
     *
     * @param array<string, string> $attributes
     */
    private static function fallback(array $attributes, string $locale): string
    {
        $words = Element::words($locale);
        $clinic = $attributes['clinic-name'] ?? $words['clinic'];
        $links = [];
        if (isset($attributes['booking-url'])) {
            $links[] = sprintf('<a href="%s">%s</a>', esc_url($attributes['booking-url']), esc_html($words['book']));
        }
        if (isset($attributes['phone'])) {
            $tel = 'tel:' . preg_replace('/[^0-9+]/', '', $attributes['phone']);
            $call = str_replace('{phone}', $attributes['phone'], $words['call']);
            $links[] = sprintf('<a href="%s">%s</a>', esc_url($tel, ['tel']), esc_html($call));
        }
        $body = esc_html(str_replace('{clinic}', $clinic, $words['body']));
        return $links === [] ? $body : $body . ' ' . implode(' · ', $links);
    }

    /** What was ignored, in an HTML comment printed only for those who can edit posts. */
    private static function editorNote(array $notes): string
    {
        if ($notes === [] || !current_user_can('edit_posts')) {
            return '';
        }
        // A comment cannot hold `--` or end early: those are broken up.
        $text = str_replace(['--', '>'], ['- -', '&gt;'], 'candidacy: ' . implode('; ', $notes));
        return '<!-- ' . $text . " (only editors see this) -->\n";
    }
}
