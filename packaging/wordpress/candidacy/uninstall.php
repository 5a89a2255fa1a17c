<?php

/**
 * Deleting the plugin removes what it stored: its settings, and the must-use file deactivation
 * left (includes/Dormant.php). The plugin's own folder, the release's files with it, WordPress
 * deletes.
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

delete_option('candidacy_settings');
$candidacy_dormant = WPMU_PLUGIN_DIR . '/candidacy-dormant.php';
if (is_file($candidacy_dormant)) {
    wp_delete_file($candidacy_dormant);
}
