# Starts Emberwatch full screen (--kiosk) when the user logs in to this Windows PC, in one of two ways.
# Run in PowerShell as the user who logs in to the wall display:
#   powershell -ExecutionPolicy Bypass -File emberwatch-kiosk-windows.ps1            (Startup folder shortcut)
#   powershell -ExecutionPolicy Bypass -File emberwatch-kiosk-windows.ps1 -Task      (Task Scheduler, restarts on failure)
# The installer (per machine) puts the app in "C:\Program Files\Emberwatch"; change $App if you chose another folder.
param([switch]$Task, [string]$App = "$env:ProgramFiles\Emberwatch\Emberwatch.exe", [string]$Arguments = "--kiosk")

if (-not (Test-Path $App)) { Write-Error "Emberwatch.exe not found at $App (pass -App 'C:\path\to\Emberwatch.exe')"; exit 1 }

if ($Task) {
  $action = New-ScheduledTaskAction -Execute $App -Argument $Arguments
  $trigger = New-ScheduledTaskTrigger -AtLogOn -User $env:USERNAME
  $settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) -ExecutionTimeLimit ([TimeSpan]::Zero) -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
  Register-ScheduledTask -TaskName "Emberwatch wall display" -Action $action -Trigger $trigger -Settings $settings -Force | Out-Null
  Write-Output "Task 'Emberwatch wall display' registered: Emberwatch $Arguments starts at logon of $env:USERNAME."
} else {
  $startup = [Environment]::GetFolderPath('Startup')
  $shell = New-Object -ComObject WScript.Shell
  $link = $shell.CreateShortcut((Join-Path $startup 'Emberwatch wall display.lnk'))
  $link.TargetPath = $App
  $link.Arguments = $Arguments
  $link.WorkingDirectory = Split-Path $App
  $link.Save()
  Write-Output "Shortcut created in ${startup}: Emberwatch $Arguments starts at logon."
}
