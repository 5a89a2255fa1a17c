<?php

/**
 * While the plugin is deactivated, pages that hold `[candidacy]` or the block must stay readable:
 * deactivation leaves a small must-use plugin (includes/dormant-handler.php) that prints the
 * booking link where a quiz was, never raw brackets. Activation and uninstall remove it.
 */

namespace Candidacy;

final class Dormant
{
    private const FILE = 'candidacy-dormant.php';

    private static function path(): string
    {
        return WPMU_PLUGIN_DIR . '/' . self::FILE;
    }

    public static function install(): void
    {
        if (!is_dir(WPMU_PLUGIN_DIR) && !wp_mkdir_p(WPMU_PLUGIN_DIR)) {
            return;
        }
        copy(__DIR__ . '/dormant-handler.php', self::path());
    }

    public static function remove(): void
    {
        if (is_file(self::path())) {
            wp_delete_file(self::path());
        }
    }
}
