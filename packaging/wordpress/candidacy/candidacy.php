<?php

/**
 * Plugin Name:       Candidacy
 * Plugin URI:        https://github.com/candidacy/candidacy
 * Description:       The clinic's treatment-candidacy quiz, as a block and a shortcode any author can use.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            The Candidacy team
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       candidacy
 * Domain Path:       /languages
 */

namespace Candidacy;

if (!defined('ABSPATH')) {
    exit;
}

require_once __DIR__ . '/includes/Element.php';
require_once __DIR__ . '/includes/Validator.php';
require_once __DIR__ . '/includes/Assets.php';
require_once __DIR__ . '/includes/Settings.php';
require_once __DIR__ . '/includes/Embed.php';
require_once __DIR__ . '/includes/Dormant.php';
require_once __DIR__ . '/includes/Plugin.php';

Plugin::boot(__FILE__);
