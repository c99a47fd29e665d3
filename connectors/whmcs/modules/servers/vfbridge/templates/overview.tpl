{* vfbridge: the VPS overview in the client area *}
{if $vfbridgeError}
  <div class="alert alert-warning">{$vfbridgeError|escape}</div>
{else}
  <div class="row">
    <div class="col-sm-4 text-right"><strong>Status</strong></div>
    <div class="col-sm-8">{$state|escape}</div>
  </div>
  <div class="row">
    <div class="col-sm-4 text-right"><strong>Hostname</strong></div>
    <div class="col-sm-8">{$hostname|escape}</div>
  </div>
  <div class="row">
    <div class="col-sm-4 text-right"><strong>IP addresses</strong></div>
    <div class="col-sm-8">{foreach $ips as $ip}{$ip|escape}<br>{foreachelse}none yet{/foreach}</div>
  </div>
  <div class="row">
    <div class="col-sm-4 text-right"><strong>Operating system</strong></div>
    <div class="col-sm-8">{$os|escape}</div>
  </div>
  <div class="row">
    <div class="col-sm-4 text-right"><strong>Traffic this period</strong></div>
    <div class="col-sm-8">
      {if $trafficUsedGb !== null}{$trafficUsedGb} GB{else}not measured yet{/if}
      {if $trafficLimitGb}of {$trafficLimitGb} GB{elseif $trafficLimitGb === 0}(unlimited){/if}
    </div>
  </div>
  {if $templates}
  <form method="post" action="clientarea.php?action=productdetails&amp;id={$serviceid}" class="form-inline" style="margin-top:1em">
    <input type="hidden" name="modop" value="custom">
    <input type="hidden" name="a" value="rebuild">
    <label for="vfbridge-os">Rebuild with</label>
    <select name="vfbridge_os" id="vfbridge-os" class="form-control">
      {foreach $templates as $id => $name}<option value="{$id}">{$name|escape}</option>{/foreach}
    </select>
    <button type="submit" class="btn btn-danger" onclick="return confirm('Rebuilding erases the server. Continue?')">Rebuild</button>
  </form>
  {/if}
{/if}
