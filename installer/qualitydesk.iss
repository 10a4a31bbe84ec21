; Inno Setup script: QualityDesk-<version>-setup.exe from the PyInstaller folder.
; Inno Setup 6.3 or newer, on Windows, after the build (README "Build the Windows installer"):
;   uv run pyinstaller installer.spec --noconfirm
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\qualitydesk.iss
; The setup lands in dist\. The version is read from QualityDesk.exe's version resource,
; which installer.spec makes from app.__version__, so there is one place to change it.

#define AppName "QualityDesk"
#define Bundle AddBackslash(SourcePath) + "..\dist\QualityDesk"
#define AppVersion GetVersionNumbersString(Bundle + "\QualityDesk.exe")

[Setup]
; the AppId identifies the installation for updates and removal: never change it
AppId={{A3E79581-679B-430E-ACDD-05F030091ABD}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=QualityDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; a clerk without administrator rights can install for themself; an administrator for everyone
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#SourcePath}..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#SourcePath}..\resources\icons\qualitydesk.ico
UninstallDisplayIcon={app}\QualityDesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; the Chinese wizard needs ChineseSimplified.isl from Inno Setup's unofficial translations,
; copied into its Languages folder; then:
; Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder app: both programs, _internal\ (Python, Qt, fonts, translations,
; migrations, the user guide)
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; the Start-menu shortcut (and the desktop one if chosen); the data stay in the user's
; data folder, not in {app}: an update or removal never touches them
Name: "{group}\{#AppName}"; Filename: "{app}\QualityDesk.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\QualityDesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\QualityDesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
