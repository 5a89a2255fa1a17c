<?php
// Installs the test site once and (on every run) makes sure its users, theme and application
// passwords are as site.json says, then writes site.json. Run by scripts/wordpress-site.sh:
//   php install.php DOCROOT URL SITE_JSON
if ($argc !== 4) {
    fwrite(STDERR, "usage: php install.php DOCROOT URL SITE_JSON\n");
    exit(2);
}
[, $docroot, $url, $site_json] = $argv;

// wp-load.php expects a web request; WP_INSTALLING also keeps plugins (the one under test
// included) from loading here, as in wp-admin/install.php.
$parts = parse_url($url);
$_SERVER['HTTP_HOST'] = $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
$_SERVER['SERVER_NAME'] = $parts['host'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
define('WP_INSTALLING', true);
require $docroot . '/wp-load.php';

// No mail server here: the "new site" mail would only fail (pluggable, so defined before upgrade.php).
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

const TITLE = 'Candidacy test clinic';
// Known passwords: the site is local and throwaway, and the tests log in to wp-admin with them.
const USERS = [
    'admin' => ['role' => 'administrator', 'password' => 'candidacy-admin-password'],
    'author' => ['role' => 'author', 'password' => 'candidacy-author-password'],
    'contributor' => ['role' => 'contributor', 'password' => 'candidacy-contributor-password'],
    'editor' => ['role' => 'editor', 'password' => 'candidacy-editor-password'],
];
const APP_PASSWORD_NAME = 'candidacy-e2e';

function fail($message) {
    fwrite(STDERR, "install.php: $message\n");
    exit(1);
}

if (!is_blog_installed()) {
    $result = wp_install(TITLE, 'admin', 'admin@example.com', true, '', USERS['admin']['password']);
    if (empty($result['user_id'])) {
        fail('wp_install() failed');
    }
}

$previous = is_file($site_json) ? json_decode((string) file_get_contents($site_json), true) : null;
$users = [];
foreach (USERS as $login => $spec) {
    $user = get_user_by('login', $login);
    if (!$user) {
        $id = wp_insert_user([
            'user_login' => $login,
            'user_pass' => $spec['password'],
            'user_email' => "$login@example.com",
            'display_name' => ucfirst($login),
            'role' => $spec['role'],
        ]);
        if (is_wp_error($id)) {
            fail("creating $login: " . $id->get_error_message());
        }
        $user = get_user_by('id', $id);
    } else {
        // A test may have changed them; put them back.
        if (!wp_check_password($spec['password'], $user->user_pass, $user->ID)) {
            wp_set_password($spec['password'], $user->ID);
        }
        if (array_values($user->roles) !== [$spec['role']]) {
            $user->set_role($spec['role']);
        }
    }

    // Keep the application password that site.json already holds if it still works; else
    // replace ours (only ours: a test may add its own) with a new one.
    $app_password = $previous['users'][$login]['applicationPassword'] ?? null;
    $valid = false;
    foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $item) {
        if ($item['name'] !== APP_PASSWORD_NAME) {
            continue;
        }
        if (!$valid && is_string($app_password) && wp_check_password($app_password, $item['password'], $user->ID)) {
            $valid = true;
        } else {
            WP_Application_Passwords::delete_application_password($user->ID, $item['uuid']);
        }
    }
    if (!$valid) {
        $created = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => APP_PASSWORD_NAME]);
        if (is_wp_error($created)) {
            fail("application password for $login: " . $created->get_error_message());
        }
        $app_password = $created[0];
    }
    $users[$login] = ['login' => $login, 'password' => $spec['password'], 'applicationPassword' => $app_password];
    // The editor's welcome guide loads its pictures from s.w.org: seen once, as by a returning user.
    global $wpdb;
    $preferences = ['core/edit-post' => ['welcomeGuide' => false], '_modified' => gmdate('c')];
    update_user_meta($user->ID, $wpdb->get_blog_prefix() . 'persisted_preferences', $preferences);
}

// The clinic tested with Twenty Twenty-Three (WordPress 6.1's default, Debian's
// wordpress-theme-twentytwentythree); fall back to any block theme present.
$theme = wp_get_theme('twentytwentythree');
if (!$theme->exists()) {
    $theme = null;
    foreach (wp_get_themes() as $candidate) {
        if ($candidate->is_block_theme()) {
            $theme = $candidate;
            break;
        }
    }
    if (!$theme) {
        fail('no block theme in ' . get_theme_root());
    }
}
if (get_stylesheet() !== $theme->get_stylesheet()) {
    switch_theme($theme->get_stylesheet());
}
update_option('blogname', TITLE);
// Avatars come from gravatar.com: the tests talk only to 127.0.0.1.
update_option('show_avatars', 0);

$json = json_encode(['url' => $url, 'theme' => $theme->get_stylesheet(), 'users' => $users], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES);
if (file_put_contents("$site_json.tmp", $json . "\n") === false || !rename("$site_json.tmp", $site_json)) {
    fail("cannot write $site_json");
}
