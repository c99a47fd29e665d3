<?php

namespace VfbridgeWhmcs;

/**
 * The WHMCS side of callback.php: where the callback secrets and the id store come from,
 * and reading the request.
 *
 * Secrets: "callback_secrets" in an optional config.php next to callback.php (a module
 * setting), and the Access Hash of every WHMCS server record of this module that holds a
 * whsec_ secret.
 */
final class CallbackEndpoint
{
    /** The module settings from config.php, or none. */
    public static function settings($moduleDirectory)
    {
        $file = $moduleDirectory . '/config.php';
        if (is_file($file)) {
            $settings = include $file;
            if (is_array($settings)) {
                return $settings;
            }
        }
        return array();
    }

    public static function secrets(array $settings)
    {
        $secrets = array();
        if (isset($settings['callback_secrets'])) {
            foreach ((array) $settings['callback_secrets'] as $secret) {
                $secrets[] = trim((string) $secret);
            }
        }
        if (class_exists('\WHMCS\Database\Capsule')) {
            $hashes = \WHMCS\Database\Capsule::table('tblservers')->where('type', Module::NAME)->pluck('accesshash');
            foreach ($hashes as $hash) {
                $hash = trim((string) $hash);
                if (strpos($hash, 'whsec_') === 0) {
                    $secrets[] = $hash;
                }
            }
        }
        return array_values(array_unique(array_filter($secrets)));
    }

    public static function replayStore(array $settings)
    {
        $directory = isset($settings['state_dir']) && $settings['state_dir'] !== ''
            ? (string) $settings['state_dir'] : sys_get_temp_dir() . '/vfbridge-whmcs-callbacks';
        return new ReplayStore($directory);
    }

    /** The request headers, lower-case names. */
    public static function requestHeaders()
    {
        if (function_exists('getallheaders')) {
            $headers = getallheaders();
            if (is_array($headers)) {
                return array_change_key_case($headers, CASE_LOWER);
            }
        }
        $headers = array();
        foreach ($_SERVER as $key => $value) {
            if (strpos($key, 'HTTP_') === 0) {
                $headers[strtolower(str_replace('_', '-', substr($key, 5)))] = $value;
            }
        }
        return $headers;
    }
}
