; Inno Setup 6 script: the Windows installer of Recovery Desk from the one-folder program.
;   iscc /DAppVersion=0.2.0 packaging\windows\recovery-desk.iss
; Input: dist\recovery-desk (PyInstaller, packaging\recovery-desk.spec) and packaging\windows\
; recovery-desk.ico (make_icon.py). Output: dist\recovery-desk-<version>-setup.exe.
;
; Installed per user (no administrator, no UAC prompt) under %LOCALAPPDATA%\Programs\Recovery Desk,
; so the desk can run the same installer silently when it closes to apply an update head office
; published (app/sync/releases.py: /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CLOSEAPPLICATIONS).
; An administrator may still choose "for all users" in the dialog. The data (store, backups,
; attachments) lives in %LOCALAPPDATA%\RecoveryDesk and is never touched by installing, updating
; or uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5B7E4C2A-9D1F-4E7B-8C3A-2F6D1E0B9A47}
AppName=Recovery Desk
AppVerName=Recovery Desk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Recovery Desk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Recovery Desk
DefaultGroupName=Recovery Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=recovery-desk-{#AppVersion}-setup
SetupIconFile=recovery-desk.ico
UninstallDisplayIcon={app}\recovery-desk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update closes a desk left open (Restart Manager) rather than failing on files in use.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.StartProgram=启动服务补救台
english.StartProgram=Start Recovery Desk
chinesesimplified.ProgramName=服务补救台
english.ProgramName=Recovery Desk

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; A new version replaces the whole program folder: nothing of the old one's libraries is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\recovery-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:ProgramName}"; Filename: "{app}\recovery-desk.exe"
Name: "{autodesktop}\{cm:ProgramName}"; Filename: "{app}\recovery-desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\recovery-desk.exe"; Description: "{cm:StartProgram}"; Flags: nowait postinstall skipifsilent
