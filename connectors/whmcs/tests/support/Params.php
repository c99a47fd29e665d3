<?php

/** WHMCS's module parameters for one service, with the documented keys. */
final class Params
{
    public static function forService($serviceId, $userId, $url, $apiKey, array $overrides = array())
    {
        $parts = parse_url($url);
        return array_replace(array(
            'serviceid' => $serviceId,
            'userid' => $userId,
            'pid' => 3,
            'serverid' => 1,
            'domain' => 'vps' . $serviceId . '.example.com',
            'username' => '',
            'password' => 'whmcs-generated-Pa55',
            'clientsdetails' => array(
                'userid' => $userId,
                'firstname' => 'Ada',
                'lastname' => 'Lovelace',
                'companyname' => '',
                'email' => 'ada' . $userId . '@example.com',
            ),
            'configoption1' => '',
            'configoption2' => '1',
            'configoption3' => '1',
            'configoption4' => '1',
            'configoption5' => '',
            'configoption6' => '',
            'configoption7' => '20',
            'configoptions' => array(),
            'customfields' => array(),
            'serverhostname' => $parts['host'],
            'serverip' => '',
            'serverport' => (string) $parts['port'],
            'serversecure' => false,
            'serverusername' => '',
            'serverpassword' => $apiKey,
            'serveraccesshash' => 'whsec_' . base64_encode(str_repeat('k', 32)),
        ), $overrides);
    }
}
