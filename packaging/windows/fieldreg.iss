; FieldReg's Windows installer (Inno Setup 6). Built by packaging\windows\build-windows.ps1, which
; passes the version and the folders:
;   iscc /DAppVersion=X.Y.Z /DBundleDir=...\packaging\build\dist\fieldreg /DOutputDir=...\packaging\dist fieldreg.iss
; Per-machine (Program Files, asks for an administrator), Start-menu and desktop shortcuts, in
; French or English (the computer's language, else a choice). The registrations live in each
; user's %LOCALAPPDATA%\fieldreg, which this installer never writes and its uninstaller never
; deletes: there is no [UninstallDelete] section, on purpose.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (build-windows.ps1 reads it from fieldreg\__init__.py)
#endif
#ifndef BundleDir
  #define BundleDir "..\build\dist\fieldreg"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
; The same AppId in every version: a newer installer upgrades the installed FieldReg in place.
AppId={{55BEDC46-C0A3-5928-A53D-23F6CDC0C800}
AppName=FieldReg
AppVersion={#AppVersion}
AppVerName=FieldReg {#AppVersion}
AppPublisher=FieldReg project
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\FieldReg
DefaultGroupName=FieldReg
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=fieldreg-{#AppVersion}-windows-x64-setup
SetupIconFile=fieldreg.ico
UninstallDisplayIcon={app}\fieldreg-app.exe
UninstallDisplayName=FieldReg
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.AppComment=Register arriving households at a border post
fr.AppComment=Enregistrer les ménages arrivant au poste frontière

[Tasks]
; Checked by default: a border post's laptop starts FieldReg from the desktop.
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole program folder: no library of the older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\FieldReg"; Filename: "{app}\fieldreg-app.exe"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\FieldReg"; Filename: "{app}\fieldreg-app.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\fieldreg-app.exe"; Description: "{cm:LaunchProgram,FieldReg}"; Flags: nowait postinstall skipifsilent
