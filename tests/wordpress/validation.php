<?php

/**
 * Holds the plugin's port of the widget's checks (packaging/wordpress/candidacy/includes/
 * Validator.php) to what the widget itself says (validation-cases.json, rendered from the Rust
 * side by tests/wordpress_generated.rs). Run by scripts/test.sh: `php tests/wordpress/validation.php`.
 */

$plugin = __DIR__ . '/../../packaging/wordpress/candidacy/includes';
require $plugin . '/Element.php';
require $plugin . '/Validator.php';

$cases = json_decode((string) file_get_contents(__DIR__ . '/validation-cases.json'), true)['cases'];
$wrong = 0;
foreach ($cases as $case) {
    $said = Candidacy\Validator::warning($case['attribute'], $case['value']);
    if ($said !== $case['warning']) {
        $wrong++;
        fprintf(
            STDERR,
            "%s = %s\n  widget: %s\n  plugin: %s\n",
            $case['attribute'],
            json_encode($case['value'], JSON_UNESCAPED_UNICODE),
            json_encode($case['warning'], JSON_UNESCAPED_UNICODE),
            json_encode($said, JSON_UNESCAPED_UNICODE)
        );
    }
}
$refused = count(array_filter($cases, fn (array $case): bool => $case['warning'] !== null));
if ($wrong > 0) {
    fprintf(STDERR, "validation.php: the plugin answers %d of %d values unlike the widget\n", $wrong, count($cases));
    exit(1);
}
printf("validation.php: the plugin answers all %d values as the widget does (%d refused)\n", count($cases), $refused);
