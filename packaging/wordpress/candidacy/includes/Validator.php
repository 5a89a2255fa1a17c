<?php

/**
 * The widget's checks of attribute values (crates/embed/src/config.rs and config/values.rs),
 * ported so that the settings page refuses a value with the words the widget's console would
 * use. tests/wordpress/validation.php holds this port to the widget's own answers
 * (tests/wordpress/validation-cases.json, rendered from the Rust side).
 */

namespace Candidacy;

final class Validator
{
    /** The widget's checks by attribute; a switch is checked apart, an object is not ported. */
    private const CHECKS = [
        'clinic-name' => 'anyText',
        'booking-url' => 'webUrl',
        'phone' => 'phoneNumber',
        'protocol' => 'relativeOrWebUrl',
        'start' => 'start',
        'locale' => 'languageTag',
        'primary' => 'cssColour',
        'accent' => 'cssColour',
        'radius' => 'cssRadius',
        'lead-endpoint' => 'leadEndpoint',
        'forget-after' => 'minutes',
    ];

    /**
     * What the widget's console says of `$value` for attribute `$name`, or null when the widget
     * takes it. Attributes the widget does not read (the loader's) are answered by their choices.
     */
    public static function warning(string $name, string $value): ?string
    {
        $why = self::why($name, $value);
        return $why === null ? null : sprintf('candidacy: ignoring attribute `%s`: %s', $name, $why);
    }

    /** Why the widget refuses `$value` for `$name`, or null. */
    public static function why(string $name, string $value): ?string
    {
        $attribute = Element::attribute($name);
        if ($attribute === null) {
            return 'it is not an attribute of <candidacy-quiz>';
        }
        $value = self::trim($value);
        if ($attribute['kind'] === 'switch') {
            if (in_array($value, ['', 'true', 'false'], true)) {
                return null;
            }
            return sprintf('`%s` is not a switch: write the attribute alone to turn it on', self::escapeDebug($value));
        }
        if ($value === '') {
            return 'it is empty';
        }
        if (preg_match_all('/./su', $value) > Element::maxLength()) {
            return sprintf('it is longer than %d characters', Element::maxLength());
        }
        if (isset(self::CHECKS[$name])) {
            return self::{self::CHECKS[$name]}($value);
        }
        if ($attribute['kind'] === 'object') {
            $decoded = json_decode($value);
            return $decoded instanceof \stdClass ? null : 'write a JSON object';
        }
        if ($attribute['choices'] !== [] && !in_array($value, $attribute['choices'], true)) {
            $choices = array_map(fn (string $choice): string => "`$choice`", $attribute['choices']);
            return sprintf('`%s` is not %s', $value, implode(' or ', $choices));
        }
        return null;
    }

    /** Rust's `str::trim`: Unicode white space at both ends. */
    public static function trim(string $value): string
    {
        return (string) preg_replace('/^[\pZ\x{9}-\x{D}\x{85}]+|[\pZ\x{9}-\x{D}\x{85}]+$/u', '', $value);
    }

    /** Rust's `str::escape_debug`, as the widget writes a value into its warnings. */
    public static function escapeDebug(string $value): string
    {
        $named = [
            "\0" => '\\0', "\t" => '\\t', "\r" => '\\r', "\n" => '\\n', '\\' => '\\\\', '"' => '\\"', "'" => "\\'",
        ];
        $out = '';
        $first = true;
        foreach (preg_split('//u', $value, -1, PREG_SPLIT_NO_EMPTY) ?: [] as $char) {
            $hidden = '/^(?:[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs})$/u';
            if (isset($named[$char])) {
                $out .= $named[$char];
            } elseif (preg_match($hidden, $char) || ($first && preg_match('/^[\p{Mn}\p{Me}]$/u', $char))) {
                $out .= sprintf('\\u{%x}', self::codePoint($char));
            } else {
                $out .= $char;
            }
            $first = false;
        }
        return $out;
    }

    /** The code point of one UTF-8 character (no mbstring: WordPress does not require it). */
    private static function codePoint(string $char): int
    {
        $bytes = array_values(unpack('C*', $char) ?: [0]);
        $lead = $bytes[0];
        $count = count($bytes);
        $point = $count === 1 ? $lead : $lead & (0xFF >> ($count + 1));
        for ($i = 1; $i < $count; $i++) {
            $point = ($point << 6) | ($bytes[$i] & 0x3F);
        }
        return $point;
    }

    private static function anyText(string $value): ?string
    {
        return null;
    }

    private static function start(string $value): ?string
    {
        if (in_array($value, ['welcome', 'first-question'], true)) {
            return null;
        }
        return sprintf('`%s` is not `welcome` or `first-question`', self::escapeDebug($value));
    }

    /** A control character (Cc) or white space, as Rust's `char` sees them. */
    private static function hasControlOrSpace(string $value): bool
    {
        return preg_match('/[\p{Cc}\pZ\x{85}]/u', $value) === 1;
    }

    private static function webUrl(string $value): ?string
    {
        $lower = strtolower($value);
        $schemeOk = str_starts_with($lower, 'https://') || str_starts_with($lower, 'http://');
        $clean = !self::hasControlOrSpace($value) && strpbrk($value, '"<>') === false;
        if ($schemeOk && $clean && strlen($value) > strlen('https://')) {
            return null;
        }
        return 'only `https:` and `http:` URLs are accepted';
    }

    private static function relativeOrWebUrl(string $value): ?string
    {
        $first = preg_split('~[/?#]~', $value)[0] ?? '';
        if (str_contains($first, ':')) {
            return self::webUrl($value);
        }
        // A browser reads `\` as `/` in a web URL: `/\evil.example` is `//evil.example`.
        if (strlen($value) >= 2 && strspn($value, '/\\', 0, 2) === 2) {
            return 'write the scheme: `https://…`';
        }
        if (self::hasControlOrSpace($value)) {
            return 'a relative URL cannot hold spaces or control characters';
        }
        return null;
    }

    private static function leadEndpoint(string $value): ?string
    {
        $why = self::relativeOrWebUrl($value);
        if ($why !== null) {
            return $why;
        }
        $lower = strtolower($value);
        if (str_starts_with($lower, 'http://') && !self::isLoopbackHttp($lower)) {
            return 'write an `https:` URL: the answers it receives are health information';
        }
        return null;
    }

    /** `http://127.0.0.1…`, `http://localhost…` or `http://[::1]…`. */
    public static function isLoopbackHttp(string $url): bool
    {
        $lower = strtolower($url);
        if (!str_starts_with($lower, 'http://')) {
            return false;
        }
        $host = preg_split('~[/\\\\?#]~', substr($lower, strlen('http://')))[0] ?? '';
        $at = strrpos($host, '@');
        if ($at !== false) {
            $host = substr($host, $at + 1);
        }
        $name = str_starts_with($host, '[') ? substr(explode(']', $host)[0], 1) : explode(':', $host)[0];
        return in_array($name, ['127.0.0.1', 'localhost', '::1'], true);
    }

    private static function minutes(string $value): ?string
    {
        // Rust's `u32` parse: an optional `+`, then digits, within 32 bits.
        $whole = preg_match('/^\+?[0-9]+$/', $value) === 1;
        $number = $whole ? ltrim($value, '+') : '';
        $fits = $whole && (strlen(ltrim($number, '0')) <= 10) && (float) $number <= 4294967295;
        if ($fits && (int) $number >= 1 && (int) $number <= 1440) {
            return null;
        }
        return sprintf('`%s` is not a number of minutes from 1 to 1440', self::escapeDebug($value));
    }

    private static function phoneNumber(string $value): ?string
    {
        $allowed = preg_match('/^[0-9 +\-().]*$/', $value) === 1;
        $digits = preg_match_all('/[0-9]/', $value);
        if ($allowed && $digits >= 3 && $digits <= 20) {
            return null;
        }
        return 'a phone number holds 3 to 20 digits and only `+ - ( ) .` and spaces';
    }

    private static function languageTag(string $value): ?string
    {
        $parts = explode('-', $value);
        $language = array_shift($parts);
        $ok = preg_match('/^[A-Za-z]{2,3}$/', $language) === 1;
        foreach ($parts as $part) {
            $ok = $ok && preg_match('/^[A-Za-z0-9]{1,8}$/', $part) === 1;
        }
        return $ok ? null : sprintf('`%s` is not a language tag like `en` or `es-MX`', self::escapeDebug($value));
    }

    private static function cssColour(string $value): ?string
    {
        if (strlen($value) <= 64 && preg_match('~^[A-Za-z0-9 #(),.%/\-]*$~', $value) === 1) {
            return null;
        }
        return sprintf('`%s` is not a CSS colour like `#0d5c69` or `rgb(13 92 105)`', self::escapeDebug($value));
    }

    private static function cssRadius(string $value): ?string
    {
        $shown = self::escapeDebug($value);
        $refused = sprintf('`%s` is not a length like `8px`, `0.5em` or `0`', $shown);
        if ($value === '0') {
            return null;
        }
        if (preg_match('/^(.*?)(px|rem|em)$/s', $value, $match) !== 1) {
            return $refused;
        }
        [, $number, $unit] = $match;
        // Rust's `f64` parse: decimal with an optional exponent, or inf, infinity, nan.
        $decimal = '/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/';
        if (preg_match('/^[+-]?(?:inf|infinity|nan)$/i', $number) === 1) {
            return sprintf('`%s` is outside 0 to 48px', $shown);
        }
        if (preg_match($decimal, $number) !== 1) {
            return $refused;
        }
        $px = $unit === 'px' ? (float) $number : (float) $number * 16.0;
        if (is_finite((float) $number) && $px >= 0.0 && $px <= 48.0) {
            return null;
        }
        return sprintf('`%s` is outside 0 to 48px', $shown);
    }
}
