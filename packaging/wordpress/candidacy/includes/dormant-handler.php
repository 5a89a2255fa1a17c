<?php

/**
 * Plugin Name: Candidacy (deactivated)
 * Description: Left by Candidacy while it is deactivated: pages show the booking link where a quiz was.
 * License:     MIT
 *
 * Activating or deleting Candidacy removes this file (includes/Dormant.php). Closures only: a
 * must-use plugin must not clash with the plugin's own names when both are loaded.
 */

if (!defined('ABSPATH')) {
    exit;
}

add_action('init', static function (): void {
    // The booking link of the block or shortcode, else the settings', else nothing.
    $link = static function ($given = []): string {
        $settings = get_option('candidacy_settings', []);
        $given = is_array($given) ? $given : [];
        $url = $given['booking-url'] ?? $given['bookingUrl'] ?? $settings['booking-url'] ?? '';
        if (!is_string($url) || !preg_match('#^https?://#i', $url)) {
            return '';
        }
        return sprintf('<p><a href="%s">%s</a></p>', esc_url($url), esc_html__('Book a consultation', 'candidacy'));
    };
    if (!shortcode_exists('candidacy')) {
        add_shortcode('candidacy', $link);
    }
    if (!WP_Block_Type_Registry::get_instance()->is_registered('candidacy/quiz')) {
        register_block_type('candidacy/quiz', ['render_callback' => $link]);
    }
}, 20);
