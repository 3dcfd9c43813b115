; 党建台账 (dangjian-desktop): per-user Windows installer. No administrator rights, no internet.
;
;   makensis /INPUTCHARSET UTF8 /DSOURCE_DIR=<one-folder build> /DVERSION=<x.y.z>
;            [/DVI_VERSION=x.y.z.0] [/DOUTDIR=<folder for the setup .exe>] [/DICON=<app.ico>] [/DFAST]
;            packaging\windows\installer.nsi
;
; SOURCE_DIR is PyInstaller's dist\dangjian-desktop (dangjian-desktop.exe, dangjian.exe, _internal\).
; Give absolute paths: makensis resolves relative ones against this script's folder.
; /DFAST stores the files uncompressed (the Linux check in check_installer.sh; not for release).
; Output: OUTDIR\dangjian-desktop-setup-VERSION.exe
;
; Installs to %LOCALAPPDATA%\Programs\dangjian-desktop, adds Start-menu and desktop shortcuts named 党建台账,
; and registers an uninstaller (Settings > Apps). The data folder (platformdirs' user_data_dir:
; %LOCALAPPDATA%\dangjian-desktop) is kept on uninstall unless the user ticks the box to delete it.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user

!ifndef SOURCE_DIR
  !error "Pass /DSOURCE_DIR=<the one-folder build, e.g. dist\dangjian-desktop>"
!endif
!ifndef VERSION
  !error "Pass /DVERSION=<the program's version, e.g. 0.1.0>"
!endif
!ifndef VI_VERSION
  !define VI_VERSION "${VERSION}.0"
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif
!ifdef NSIS_WIN32_MAKENSIS
  !define SEP "\"
!else
  !define SEP "/"
!endif
!ifndef ICON
  ; makensis works in this script's folder (unless /NOCD), so this is relative to it.
  !define ICON "..${SEP}..${SEP}resources${SEP}icons${SEP}app.ico"
!endif

!define APP_ID "dangjian-desktop"
!define APP_NAME "党建台账"
!define APP_EXE "dangjian-desktop.exe"
!define CLI_EXE "dangjian.exe"
!define SHORTCUT_NAME "党建台账.lnk"
!define DATA_DIR "$LOCALAPPDATA\${APP_ID}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"

!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64
!endif

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
UninstallCaption "${APP_NAME} 卸载"
BrandingText "${APP_NAME} ${VERSION}"
OutFile "${OUTDIR}${SEP}${APP_ID}-setup-${VERSION}.exe"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
ShowInstDetails hide
ShowUninstDetails hide

!include MUI2.nsh
!include nsDialogs.nsh
!include LogicLib.nsh
!include FileFunc.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装 ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "将在这台电脑上安装“${APP_NAME}”。$\r$\n$\r$\n程序装在您自己的用户文件夹里，不需要管理员权限，也不需要联网。$\r$\n$\r$\n如果以前装过，数据会原样保留。$\r$\n$\r$\n点击“下一步”开始安装。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APP_NAME}"
!define MUI_FINISHPAGE_TEXT "“${APP_NAME}”已经装好。$\r$\n$\r$\n以后在桌面或“开始”菜单里点击“${APP_NAME}”就能打开。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VI_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "GPL-3.0-or-later"

Var DeleteDataBox
Var DeleteData

Function .onInit
  SetShellVarContext current
FunctionEnd

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; Files of an older version must not linger among the new ones (the data is elsewhere).
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}${SEP}*"
  ; An installed copy keeps its data in the per-user folder, never beside the program.
  Delete "$INSTDIR\portable.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${SHORTCUT_NAME}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$DESKTOP\${SHORTCUT_NAME}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; --- uninstaller: the data folder stays unless the box is ticked ---------------------------------------

Function un.onInit
  SetShellVarContext current
  StrCpy $DeleteData ${BST_UNCHECKED}
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "数据是否保留" "卸载只删除程序本身，您录入的数据默认保留。"
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 60u "党员花名册、党费、备份等数据保存在这个文件夹里：$\r$\n$\r$\n${DATA_DIR}$\r$\n$\r$\n默认保留这些数据，以后重新安装还能接着用。"
  Pop $0
  ${NSD_CreateCheckbox} 0 70u 100% 14u "同时删除数据文件夹（删除后无法恢复，请先把备份复制到U盘）"
  Pop $DeleteDataBox
  ${If} $DeleteData == ${BST_CHECKED}
    ${NSD_Check} $DeleteDataBox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DeleteDataBox $DeleteData
  ${If} $DeleteData == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "确定要永久删除全部数据吗？$\r$\n$\r$\n${DATA_DIR}$\r$\n$\r$\n删除后无法恢复。" IDYES confirmed
    StrCpy $DeleteData ${BST_UNCHECKED}
    ${NSD_Uncheck} $DeleteDataBox
    Abort
    confirmed:
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT_NAME}"
  Delete "$DESKTOP\${SHORTCUT_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ${If} $DeleteData == ${BST_CHECKED}
    RMDir /r "${DATA_DIR}"
  ${EndIf}
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
SectionEnd
