<?php
/**
 * Plugin Name: Candidacy test site: no update checks
 * Description: Copied into wp-content/mu-plugins/ by scripts/wordpress-site.sh. WP_HTTP_BLOCK_EXTERNAL already stops WordPress's calls to wordpress.org; this stops the attempts, whose failures WordPress logs as PHP warnings in debug.log on admin pages, where they would hide the plugin's own.
 */
add_action('admin_init', function () {
    foreach ([
        'admin_init' => ['_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes'],
        'load-plugins.php' => ['wp_update_plugins'],
        'load-themes.php' => ['wp_update_themes'],
        'load-update.php' => ['wp_update_plugins', 'wp_update_themes'],
        'load-update-core.php' => ['wp_update_plugins', 'wp_update_themes'],
        'upgrader_process_complete' => ['wp_version_check', 'wp_update_plugins', 'wp_update_themes'],
    ] as $hook => $callbacks) {
        foreach ($callbacks as $callback) {
            remove_action($hook, $callback, 10);
        }
    }
}, 0);
