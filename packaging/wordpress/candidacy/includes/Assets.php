<?php

/**
 * The release's files (assets/<version>/: the loader, the wasm, the iframe page, the protocols)
 * and their script tags: modules with their integrity, printed once, only on a page that shows
 * the quiz.
 */

namespace Candidacy;

final class Assets
{
    public const LOADER = 'candidacy';
    public const FRAME_PARENT = 'candidacy-frame';
    public const BLOCK_EDITOR = 'candidacy-block-editor';

    /** The release's folder, with a trailing slash: versioned, so an update needs no cache purge. */
    public static function url(string $file = ''): string
    {
        return plugins_url('assets/' . Plugin::VERSION . '/' . $file, Plugin::file());
    }

    public static function path(string $file = ''): string
    {
        return dirname(Plugin::file()) . '/assets/' . Plugin::VERSION . '/' . $file;
    }

    /** The SHA-384 integrity of a release file (its release.json), or null. */
    public static function integrity(string $file): ?string
    {
        static $files = null;
        if ($files === null) {
            $text = is_readable(self::path('release.json')) ? file_get_contents(self::path('release.json')) : false;
            $manifest = is_string($text) ? json_decode($text, true) : null;
            $files = is_array($manifest) && is_array($manifest['files'] ?? null) ? $manifest['files'] : [];
        }
        $integrity = $files[$file]['integrity'] ?? null;
        return is_string($integrity) ? $integrity : null;
    }

    /** The names of the protocols the release ships (`microneedling`, `chemical-peel`...). */
    public static function protocols(): array
    {
        $names = [];
        foreach (glob(self::path('protocols/*.protocol.bin')) ?: [] as $file) {
            $names[] = basename($file, '.protocol.bin');
        }
        sort($names);
        return $names;
    }

    public static function register(): void
    {
        // No `?ver=`: the folder is the version. In the footer: a block theme renders content
        // before wp_head, a classic one after.
        wp_register_script(self::LOADER, self::url('candidacy.js'), [], null, true);
        wp_register_script(self::FRAME_PARENT, self::url('candidacy-frame.js'), [], null, true);
        wp_register_script(
            self::BLOCK_EDITOR,
            plugins_url('blocks/quiz/editor.js', Plugin::file()),
            ['wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render'],
            Plugin::VERSION,
            false
        );
        wp_add_inline_script(
            self::BLOCK_EDITOR,
            'window.candidacyBlock = ' . wp_json_encode(Settings::editorLabels()) . ';',
            'before'
        );
    }

    /** Rewrites the loader's and the frame script's tags: modules, checked by the browser. */
    public static function moduleTag(string $tag, string $handle, string $src): string
    {
        $files = [self::LOADER => 'candidacy.js', self::FRAME_PARENT => 'candidacy-frame.js'];
        if (!isset($files[$handle])) {
            return $tag;
        }
        $integrity = self::integrity($files[$handle]);
        return sprintf(
            "<script type=\"module\" src=\"%s\"%s crossorigin=\"anonymous\"></script>\n",
            esc_url($src),
            $integrity === null ? '' : sprintf(' integrity="%s"', esc_attr($integrity))
        );
    }

    /**
     * iframe mode's `embed-config.json` beside the release's `embed.html`: the settings' attributes,
     * and this site's origin as the one parent page that may configure a frame (a block's own
     * attributes come through `data-candidacy-config`). Written on activation, on every save of
     * the settings, and by the first frame of a new version.
     */
    public static function writeEmbedConfig(): bool
    {
        $config = [
            'attributes' => (object) Settings::attributes(false),
            'parentOrigins' => [self::origin(home_url('/'))],
        ];
        $text = wp_json_encode($config, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n";
        return is_dir(self::path()) && file_put_contents(self::path('embed-config.json'), $text) !== false;
    }

    /** `https://clinic.example` of a URL. */
    public static function origin(string $url): string
    {
        $parts = wp_parse_url($url);
        $port = isset($parts['port']) ? ':' . $parts['port'] : '';
        return ($parts['scheme'] ?? 'https') . '://' . ($parts['host'] ?? '') . $port;
    }
}
