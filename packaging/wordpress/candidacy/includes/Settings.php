<?php

/**
 * Settings → Candidacy: the clinic's defaults for every quiz on the site, each value checked as
 * the widget checks it (Validator) and refused with the widget's words, the previous value kept.
 * A live preview shows the widget with what is in the form.
 */

namespace Candidacy;

final class Settings
{
    public const OPTION = 'candidacy_settings';
    private const PAGE = 'candidacy';

    /** Texts the widget checks (Validator), in the page's order. */
    private const TEXTS = [
        'clinic-name', 'phone', 'booking-url', 'locale', 'primary', 'accent', 'radius', 'lead-endpoint',
        'forget-after', 'launcher-text',
    ];
    /** The privacy switches: each off unless the clinic turns it on. */
    private const SWITCHES = [
        'share-answers', 'analytics', 'analytics-outcome', 'cta-attribution', 'forget-on-complete',
    ];
    /** Choices the plugin offers as lists: the modes (with iframe), the start, the protocol. */
    private const CHOICES = ['protocol', 'mode', 'start'];

    /** @return array<string, string> The saved settings: attribute => value ('1' for a switch on). */
    public static function values(): array
    {
        $values = get_option(self::OPTION, []);
        return is_array($values) ? array_filter($values, 'is_string') : [];
    }

    /**
     * The settings as the element's attributes (a switch on is ''), the protocol as its URL;
     * with `$loader`, the attributes only the loader reads too.
     *
     * @return array<string, string>
     */
    public static function attributes(bool $loader = true): array
    {
        $attributes = [];
        foreach (self::values() as $name => $value) {
            $attribute = Element::attribute($name);
            if ($attribute === null || (!$loader && $attribute['reader'] !== 'widget')) {
                continue;
            }
            if ($name === 'protocol') {
                $attributes[$name] = Embed::protocolUrl($value);
            } elseif (in_array($name, self::SWITCHES, true)) {
                $attributes[$name] = '';
            } else {
                $attributes[$name] = $value;
            }
        }
        return $attributes;
    }

    /** @return array<string, array{0: string, 1: string}> Each field's label and help. */
    public static function fields(): array
    {
        return [
            'clinic-name' => [
                __('Clinic name', 'candidacy'),
                __('Shown in the quiz and its contact details.', 'candidacy'),
            ],
            'phone' => [__('Phone', 'candidacy'), __('Like +1 555 0100: 3 to 20 digits.', 'candidacy')],
            'booking-url' => [
                __('Booking page', 'candidacy'),
                __('An https: address where visitors book.', 'candidacy'),
            ],
            'locale' => [__('Language', 'candidacy'), __('en or es; empty: the page\'s language.', 'candidacy')],
            'primary' => [__('Main colour', 'candidacy'), __('A CSS colour like #0d5c69.', 'candidacy')],
            'accent' => [__('Accent colour', 'candidacy'), __('A CSS colour like #b5476b.', 'candidacy')],
            'radius' => [__('Corner rounding', 'candidacy'), __('Like 8px, 0.5em or 0.', 'candidacy')],
            'lead-endpoint' => [
                __('Lead endpoint', 'candidacy'),
                __('Where answers go when a visitor chooses to send them: https: only. Empty: no form.', 'candidacy'),
            ],
            'forget-after' => [
                __('Forget progress after (minutes)', 'candidacy'),
                __('1 to 1440. Empty: the widget\'s default.', 'candidacy'),
            ],
            'launcher-text' => [
                __('Popup button text', 'candidacy'),
                __('The button that opens a popup quiz.', 'candidacy'),
            ],
            'protocol' => [__('Treatment', 'candidacy'), __('The screening the quiz asks.', 'candidacy')],
            'mode' => [
                __('Presentation', 'candidacy'),
                __('In the page, a popup button, or an iframe (for pages that allow only frames).', 'candidacy'),
            ],
            'start' => [__('First screen', 'candidacy'), __('A welcome screen, or the first question.', 'candidacy')],
            'share-answers' => [
                __('Let visitors copy their answers', 'candidacy'),
                __('Adds "Copy my answers" to the result.', 'candidacy'),
            ],
            'analytics' => [
                __('Tell the page\'s analytics the quiz was used', 'candidacy'),
                __('Events without any answer.', 'candidacy'),
            ],
            'analytics-outcome' => [
                __('Include the outcome in analytics', 'candidacy'),
                __('Only the kind of result, never the answers.', 'candidacy'),
            ],
            'cta-attribution' => [
                __('Add the campaign to booking links', 'candidacy'),
                __('Passes utm_* parameters to the booking page.', 'candidacy'),
            ],
            'forget-on-complete' => [
                __('Forget the answers once the result is shown', 'candidacy'),
                __('Nothing stays in the browser after the result.', 'candidacy'),
            ],
        ];
    }

    /** @return array<string, string> The words of a choice, by value. */
    public static function choiceLabels(string $name): array
    {
        switch ($name) {
            case 'mode':
                return [
                    'inline' => __('In the page', 'candidacy'),
                    'popup' => __('Popup button', 'candidacy'),
                    'iframe' => __('iframe', 'candidacy'),
                ];
            case 'start':
                return [
                    'welcome' => __('Welcome screen', 'candidacy'),
                    'first-question' => __('First question', 'candidacy'),
                ];
            default:
                $protocols = [];
                foreach (Assets::protocols() as $protocol) {
                    $protocols[$protocol] = ucfirst(str_replace('-', ' ', $protocol));
                }
                return $protocols;
        }
    }

    /** What the block's inspector shows, in the site's language (its script has no translations). */
    public static function editorLabels(): array
    {
        $fields = [];
        foreach (self::fields() as $name => [$label, $help]) {
            $fields[Element::attribute($name)['property'] ?? $name] = ['label' => $label, 'help' => $help];
        }
        $settings = [];
        foreach (self::values() as $name => $value) {
            $settings[Element::attribute($name)['property'] ?? $name] = $value;
        }
        return [
            'title' => __('Treatment quiz', 'candidacy'),
            'instructions' => __(
                'Visitors check whether a treatment suits them. The page shows the quiz; set it up in the sidebar.',
                'candidacy'
            ),
            'settings' => $settings,
            'fields' => $fields,
            'choices' => [
                'protocol' => self::choiceLabels('protocol'),
                'mode' => self::choiceLabels('mode'),
                'start' => self::choiceLabels('start'),
            ],
            'panels' => [
                'contact' => __('Clinic', 'candidacy'),
                'quiz' => __('Quiz', 'candidacy'),
                'look' => __('Look', 'candidacy'),
                'privacy' => __('Privacy', 'candidacy'),
            ],
            'fromSettings' => __('Empty: the value in Settings → Candidacy.', 'candidacy'),
            'default' => __('As in Settings → Candidacy', 'candidacy'),
            'on' => __('On', 'candidacy'),
            'off' => __('Off', 'candidacy'),
        ];
    }

    public static function menu(): void
    {
        $hook = add_options_page(
            __('Candidacy', 'candidacy'),
            __('Candidacy', 'candidacy'),
            'manage_options',
            self::PAGE,
            [self::class, 'page']
        );
        add_action('admin_print_scripts-' . $hook, [self::class, 'enqueue']);
    }

    public static function register(): void
    {
        register_setting(self::PAGE, self::OPTION, [
            'type' => 'array',
            'sanitize_callback' => [self::class, 'sanitize'],
            'default' => [],
            'show_in_rest' => false,
        ]);
    }

    /**
     * The form's values, each checked as the widget checks it; a refused one is named with the
     * widget's words and the previous value is kept.
     *
     * @param mixed $input
     * @return array<string, string>
     */
    public static function sanitize($input): array
    {
        $input = is_array($input) ? wp_unslash($input) : [];
        $previous = self::values();
        $clean = [];
        foreach (array_merge(self::TEXTS, self::CHOICES) as $name) {
            $value = Validator::trim(is_string($input[$name] ?? null) ? $input[$name] : '');
            if ($value === '') {
                continue;
            }
            $warning = in_array($name, self::CHOICES, true) && !isset(self::choiceLabels($name)[$value])
                ? sprintf('candidacy: ignoring attribute `%s`: `%s` is not offered', $name, $value)
                : Validator::warning($name, $value);
            if ($warning === null) {
                $clean[$name] = $value;
                continue;
            }
            add_settings_error(self::OPTION, 'candidacy-' . $name, sprintf(
                /* translators: 1: the widget's own words for the refused value. */
                __('%1$s. The previous value is kept.', 'candidacy'),
                $warning
            ));
            if (isset($previous[$name])) {
                $clean[$name] = $previous[$name];
            }
        }
        foreach (self::SWITCHES as $name) {
            if (!empty($input[$name])) {
                $clean[$name] = '1';
            }
        }
        return $clean;
    }

    public static function actionLinks(array $links): array
    {
        $url = admin_url('options-general.php?page=' . self::PAGE);
        array_unshift($links, sprintf('<a href="%s">%s</a>', esc_url($url), esc_html__('Settings', 'candidacy')));
        return $links;
    }

    public static function enqueue(): void
    {
        wp_enqueue_script(Assets::LOADER);
        wp_enqueue_script(
            'candidacy-settings',
            plugins_url('admin/settings.js', Plugin::file()),
            [],
            Plugin::VERSION,
            true
        );
        $protocols = [];
        foreach (Assets::protocols() as $protocol) {
            $protocols[$protocol] = Embed::protocolUrl($protocol);
        }
        $script = 'window.candidacyProtocols = ' . wp_json_encode($protocols) . ';';
        wp_add_inline_script('candidacy-settings', $script, 'before');
        wp_enqueue_style('candidacy-settings', plugins_url('admin/settings.css', Plugin::file()), [], Plugin::VERSION);
    }

    public static function page(): void
    {
        if (!current_user_can('manage_options')) {
            return;
        }
        $values = self::values();
        $fields = self::fields();
        echo '<div class="wrap candidacy-settings"><h1>' . esc_html__('Candidacy', 'candidacy') . '</h1>';
        echo '<p>' . esc_html__(
            'The defaults of every quiz on this site. A block or shortcode can change any of them for its page.',
            'candidacy'
        ) . '</p>';
        echo '<div class="candidacy-settings__columns"><form method="post" action="options.php">';
        settings_fields(self::PAGE);
        echo '<table class="form-table" role="presentation">';
        foreach (array_merge(['protocol', 'mode', 'start'], self::TEXTS) as $name) {
            self::row($name, $fields[$name], $values[$name] ?? '');
        }
        echo '</table><h2>' . esc_html__('Privacy', 'candidacy') . '</h2>';
        echo '<p>' . esc_html__(
            'Answers never leave the visitor\'s browser unless the visitor chooses to send them.',
            'candidacy'
        ) . '</p><table class="form-table" role="presentation">';
        foreach (self::SWITCHES as $name) {
            self::switchRow($name, $fields[$name], isset($values[$name]));
        }
        echo '</table>';
        submit_button();
        echo '</form><section class="candidacy-settings__preview" aria-labelledby="candidacy-preview-heading">';
        echo '<h2 id="candidacy-preview-heading">' . esc_html__('Preview', 'candidacy') . '</h2>';
        echo '<p class="description">' . esc_html__(
            'The quiz as visitors see it, with what is in the form (test mode: nothing is sent or counted).',
            'candidacy'
        ) . '</p>';
        $preview = ['test-mode' => '', 'mode' => 'inline', 'id' => 'candidacy-preview'];
        $preview = array_merge(self::attributes(), $preview);
        echo Embed::element($preview, get_user_locale()); // Escaped attribute by attribute.
        echo '</section></div></div>';
    }

    private static function row(string $name, array $field, string $value): void
    {
        [$label, $help] = $field;
        $id = 'candidacy-' . $name;
        printf('<tr><th scope="row"><label for="%s">%s</label></th><td>', esc_attr($id), esc_html($label));
        $common = sprintf(
            'id="%1$s" name="%2$s[%3$s]" data-attribute="%3$s" aria-describedby="%1$s-help"',
            esc_attr($id),
            esc_attr(self::OPTION),
            esc_attr($name)
        );
        if (in_array($name, self::CHOICES, true)) {
            printf('<select %s><option value="">%s</option>', $common, esc_html__('Default', 'candidacy'));
            foreach (self::choiceLabels($name) as $choice => $words) {
                printf(
                    '<option value="%s"%s>%s</option>',
                    esc_attr($choice),
                    selected($value, $choice, false),
                    esc_html($words)
                );
            }
            echo '</select>';
        } else {
            $numeric = $name === 'forget-after' ? ' inputmode="numeric"' : '';
            printf('<input type="text" class="regular-text"%s %s value="%s">', $numeric, $common, esc_attr($value));
        }
        printf('<p class="description" id="%s-help">%s</p></td></tr>', esc_attr($id), esc_html($help));
    }

    private static function switchRow(string $name, array $field, bool $on): void
    {
        [$label, $help] = $field;
        $id = 'candidacy-' . $name;
        printf(
            '<tr><th scope="row">%1$s</th><td><label for="%2$s"><input type="checkbox" id="%2$s" name="%3$s[%4$s]"'
                . ' data-attribute="%4$s" value="1" aria-describedby="%2$s-help"%5$s> %1$s</label>'
                . '<p class="description" id="%2$s-help">%6$s</p></td></tr>',
            esc_html($label),
            esc_attr($id),
            esc_attr(self::OPTION),
            esc_attr($name),
            checked($on, true, false),
            esc_html($help)
        );
    }
}
