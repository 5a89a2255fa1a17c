<?php
// Router for PHP's built-in server (php -S … router.php), standing in for Apache's rewrite
// rules: existing files are served by the server itself (static as-is, *.php executed),
// directories by their index.php, and everything else by WordPress's front controller.
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

if ($path !== '/' && strpos($path, '..') === false) {
    if (is_file($root . $path)) {
        return false;
    }
    if (is_dir($root . $path) && is_file($root . rtrim($path, '/') . '/index.php')) {
        if (substr($path, -1) !== '/') {
            // Like Apache's DirectorySlash: /wp-admin → /wp-admin/, so relative links resolve.
            $query = parse_url($_SERVER['REQUEST_URI'], PHP_URL_QUERY);
            header('Location: ' . $path . '/' . ($query !== null ? '?' . $query : ''), true, 301);
            return true;
        }
        return false;
    }
}

// /wp-json/… is the REST API's pretty form; with plain permalinks WordPress has no rewrite rule
// for it, so translate it the way that rule does (index.php?rest_route=/…).
if (preg_match('#^/wp-json(/.*)?$#', $path, $match)) {
    $_GET['rest_route'] = $match[1] ?? '/';
}

$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
