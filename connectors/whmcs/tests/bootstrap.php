<?php

// Loads the module the way WHMCS does (the WHMCS constant defined, the file included), after a shim
// of the only WHMCS functions it calls: localAPI and logModuleCall, both recorded; and, for
// UsageUpdate and callback.php's secret lookup, a stand-in for WHMCS's database query builder.

namespace WHMCS\Database {
    final class Capsule
    {
        /** @var array[] each update: table, wheres, values */
        public static $updates = array();

        /** @var array[] rows by table, for reads */
        public static $rows = array();

        public static function table($table)
        {
            return new CapsuleQuery($table);
        }
    }

    final class CapsuleQuery
    {
        private $table;
        private $wheres = array();

        public function __construct($table)
        {
            $this->table = $table;
        }

        public function where($column, $value)
        {
            $this->wheres[$column] = $value;
            return $this;
        }

        public function pluck($column)
        {
            $values = array();
            foreach (isset(Capsule::$rows[$this->table]) ? Capsule::$rows[$this->table] : array() as $row) {
                if (array_intersect_assoc($this->wheres, $row) === $this->wheres) {
                    $values[] = $row[$column];
                }
            }
            return $values;
        }

        public function update(array $values)
        {
            Capsule::$updates[] = array('table' => $this->table, 'where' => $this->wheres, 'values' => $values);
            return 1;
        }
    }
}

namespace {
    define('WHMCS', true);

    final class WhmcsShim
    {
        /** @var array[] command, values */
        public static $localApi = array();

        /** @var array[] module, action, request, response, processed, replaceVars */
        public static $moduleLog = array();

        public static function reset()
        {
            self::$localApi = array();
            self::$moduleLog = array();
            \WHMCS\Database\Capsule::$updates = array();
            \WHMCS\Database\Capsule::$rows = array();
        }

        /** The localAPI calls of one command. */
        public static function calls($command)
        {
            return array_values(array_filter(self::$localApi, function ($call) use ($command) {
                return $call['command'] === $command;
            }));
        }
    }

    function localAPI($command, $values = array(), $adminUser = null)
    {
        WhmcsShim::$localApi[] = array('command' => $command, 'values' => $values);
        return array('result' => 'success');
    }

    function logModuleCall($module, $action, $request, $response, $processed = '', $replaceVars = array())
    {
        WhmcsShim::$moduleLog[] = compact('module', 'action', 'request', 'response', 'processed', 'replaceVars');
    }

    require_once __DIR__ . '/../../php/src/autoload.php';
    require_once __DIR__ . '/../modules/servers/vfbridge/vfbridge.php';
    require_once __DIR__ . '/support/Params.php';
    require_once __DIR__ . '/support/FakeVfbridge.php';
}
