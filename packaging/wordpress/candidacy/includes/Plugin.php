<?php

/**
 * Wires the plugin into WordPress: the shortcode, the block, the settings page, the loader's
 * script tag, and what activation and deactivation leave behind.
 */

namespace Candidacy;

final class Plugin
{
    /** The release this plugin carries: its files are in assets/<version>/ (scripts/wordpress-plugin.mjs). */
    public const VERSION = '0.1.0';

    private static string $file = '';

    /** The plugin's main file (candidacy.php). */
    public static function file(): string
    {
        return self::$file;
    }

    public static function boot(string $file): void
    {
        self::$file = $file;
        add_action('init', [self::class, 'init']);
        add_filter('script_loader_tag', [Assets::class, 'moduleTag'], 10, 3);
        add_action('admin_menu', [Settings::class, 'menu']);
        add_action('admin_init', [Settings::class, 'register']);
        add_action('update_option_' . Settings::OPTION, [Assets::class, 'writeEmbedConfig']);
        add_action('add_option_' . Settings::OPTION, [Assets::class, 'writeEmbedConfig']);
        add_filter('plugin_action_links_' . plugin_basename(Plugin::file()), [Settings::class, 'actionLinks']);
        register_activation_hook(Plugin::file(), [self::class, 'activate']);
        register_deactivation_hook(Plugin::file(), [Dormant::class, 'install']);
    }

    public static function init(): void
    {
        load_plugin_textdomain('candidacy', false, dirname(plugin_basename(Plugin::file())) . '/languages');
        Assets::register();
        add_shortcode('candidacy', [Embed::class, 'shortcode']);
        register_block_type(dirname(Plugin::file()) . '/blocks/quiz', [
            'render_callback' => [Embed::class, 'block'],
            'title' => __('Treatment quiz', 'candidacy'),
            'description' => __(
                "The clinic's treatment-candidacy quiz: visitors check whether a treatment suits them.",
                'candidacy'
            ),
        ]);
    }

    public static function activate(): void
    {
        add_option(Settings::OPTION, []);
        Dormant::remove();
        Assets::writeEmbedConfig();
    }
}
