; NSIS 3 script for the Windows installer of phuluc ("Phụ lục CCHC").
;
; Built by packaging/build.sh, which passes the version and the paths (Linux paths are fine):
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DEXE=…/phuluc.exe -DROOT=/path/to/repo \
;            -DOUT=…/phuluc-0.1.0-setup.exe packaging/windows/installer.nsi
; (optional: -DICON=file.ico; ROOT defaults to this file's ../..)
;
; What it does (packaging/README.md, section Windows, says the same):
; - installs for the current user only, into %LOCALAPPDATA%\Programs\phuluc, without
;   administrator rights (RequestExecutionLevel user; everything goes to HKCU);
; - phuluc.exe, README.md, the font licences and the example report;
; - a Start-menu shortcut "Phụ lục CCHC" and (component, on by default) one on the desktop;
; - "Open with → Phụ lục CCHC" for .json files, without taking .json over (see below);
; - an entry in Settings → Apps ("Apps & features") whose uninstaller removes exactly what was
;   installed, never the user's reports nor %APPDATA%\phuluc (recovery copies, kept templates).
; Silent: "phuluc-<version>-setup.exe /S" (add /NODESKTOP for no desktop shortcut, /D=C:\dir
; as the last argument for another folder); uninstall: "uninstall.exe /S".

!ifndef VERSION
  !error "pass -DVERSION=x.y.z (packaging/build.sh does)"
!endif
!ifndef EXE
  !error "pass -DEXE=path/to/phuluc.exe (packaging/build.sh does)"
!endif
!ifndef ROOT
  !define ROOT "${__FILEDIR__}/../.."
!endif
!ifndef OUT
  !define OUT "phuluc-${VERSION}-setup.exe"
!endif
; made by packaging/icons/make-icons.sh (build.sh --check passes NSIS's own to need no build)
!ifndef ICON
  !define ICON "${ROOT}/packaging/icons/build/phuluc.ico"
!endif
; DeleteRegKey /ifempty looks at values too only from NSIS 3.06 on; older ones could delete
; a user's own .json key in the uninstaller.
!if ${NSIS_PACKEDVERSION} < 0x03006000
  !error "NSIS 3.06 or later is needed"
!endif

Unicode true
; phuluc.exe is x86-64 only, so the installer is too: a 64-bit installer sees the same
; registry and folders as the program, and runs under a 64-bit-only Wine for the smoke test.
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 64
ManifestDPIAware true
RequestExecutionLevel user
; A file that cannot be written (phuluc.exe still running) may be retried or the install
; cancelled, never skipped: no half-new, half-old program.
AllowSkipFiles off

!define PRODUCT "Phụ lục CCHC"
!define PUBLISHER "phuluc"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\phuluc"
!define PROGID "phuluc.report"
!define APP_PATHS_KEY "Software\Microsoft\Windows\CurrentVersion\App Paths\phuluc.exe"
!define EXAMPLE "nga-nam-2021.phuluc.json"

; "0.1.0" or "0.2.0-rc.1" → 0, 1, 0 for the four numbers of the version resource.
!searchparse /noerrors "${VERSION}-" "" V_MAJOR "." V_MINOR "." V_PATCH "-"

Name "${PRODUCT}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\phuluc"
; An update goes where the previous version is, even if the user chose another folder then.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

VIProductVersion "${V_MAJOR}.${V_MINOR}.${V_PATCH}.0"
VIFileVersion "${V_MAJOR}.${V_MINOR}.${V_PATCH}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1066 "FileDescription" "Bộ cài đặt ${PRODUCT} ${VERSION}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "MIT OR Apache-2.0"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"
!include "Integration.nsh"

; ---------------------------------------------------------------------------------------------
; The wizard, in Vietnamese.

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "Bạn có chắc muốn dừng cài đặt ${PRODUCT}?"
!define MUI_COMPONENTSPAGE_SMALLDESC

!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${PRODUCT} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "${PRODUCT} dùng để nhập, kiểm tra và in Phụ lục 2, Bảng 2 – thống kê số liệu và kết quả thực hiện công tác cải cách hành chính.$\r$\n$\r$\nChương trình được cài cho riêng tài khoản Windows đang dùng, không cần quyền quản trị (admin), không cần mạng.$\r$\n$\r$\nNếu đã có bản cũ, bản mới sẽ thay thế; các tệp báo cáo của bạn vẫn giữ nguyên.$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!define MUI_COMPONENTSPAGE_TEXT_TOP "Chọn những gì cần cài. Bấm Tiếp để tiếp tục."
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_DIRECTORYPAGE_TEXT_TOP "${PRODUCT} sẽ được cài vào thư mục dưới đây. Thư mục mặc định không cần quyền quản trị; nên giữ nguyên.$\r$\n$\r$\nBáo cáo không lưu ở đây mà ở nơi bạn chọn khi lưu (mặc định: thư mục Documents)."
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "Đã cài xong ${PRODUCT}"
!define MUI_FINISHPAGE_TEXT "Mở chương trình từ menu Start (hoặc biểu tượng trên màn hình nền): ${PRODUCT}.$\r$\n$\r$\nTệp báo cáo (.phuluc.json) cũng mở được bằng cách bấm chuột phải → Open with (Mở bằng) → ${PRODUCT}."
!define MUI_FINISHPAGE_RUN "$INSTDIR\phuluc.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${PRODUCT} ngay"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${PRODUCT} sẽ được gỡ khỏi thư mục dưới đây (chương trình, tài liệu kèm theo, biểu tượng, mục trong menu Start).$\r$\n$\r$\nKHÔNG bị xoá: các tệp báo cáo của bạn (.phuluc.json, ở bất cứ đâu) và dữ liệu của chương trình trong %APPDATA%\phuluc (bản khôi phục, mẫu biểu đã lưu). Cài lại sau này vẫn dùng tiếp được."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; ---------------------------------------------------------------------------------------------
; Installing.

Section "${PRODUCT} (bắt buộc)" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=phuluc.exe" "${EXE}"
  File "/oname=README.md" "${ROOT}/README.md"
  File "/oname=fonts-OFL.txt" "${ROOT}/assets/fonts/OFL.txt"
  File "/oname=fonts-LiberationSerif-LICENSE.txt" "${ROOT}/assets/fonts/LiberationSerif-LICENSE.txt"
  ; The example. A user may open it here and save over it: then it is their report, which
  ; neither an update nor the uninstaller touches. The time of the file as installed is
  ; kept in the uninstall key to tell.
  SetOutPath "$INSTDIR\examples"
  ReadRegStr $2 HKCU "${UNINST_KEY}" "ExampleFileTime"
  ClearErrors
  GetFileTime "$INSTDIR\examples\${EXAMPLE}" $0 $1
  ${If} ${Errors}
  ${OrIf} "$0.$1" == $2
    File "/oname=${EXAMPLE}" "${ROOT}/assets/examples/${EXAMPLE}"
    GetFileTime "$INSTDIR\examples\${EXAMPLE}" $0 $1
    WriteRegStr HKCU "${UNINST_KEY}" "ExampleFileTime" "$0.$1"
  ${EndIf}
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu (the user's own): one shortcut, no folder, as Windows 10/11 lists programs.
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\phuluc.exe" "" "$INSTDIR\phuluc.exe" 0 \
    SW_SHOWNORMAL "" "Nhập, kiểm tra và in Phụ lục 2, Bảng 2 – thống kê cải cách hành chính"

  ; File association. Reports are named *.phuluc.json, but Windows keys associations on the
  ; last extension only (.json), and .json belongs to many programs (editors, browsers).
  ; So phuluc does NOT take .json over: it registers its ProgID and adds it to
  ; .json\OpenWithProgids, which puts "Phụ lục CCHC" in "Open with" for .json files (and
  ; offers it in "Choose another app"), leaving the default program as the user had it.
  ; All under HKCU\Software\Classes: for this user only, no admin rights.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Báo cáo Phụ lục CCHC"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "Báo cáo Phụ lục CCHC"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\phuluc.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${PRODUCT}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\phuluc.exe" "%1"'
  WriteRegNone HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  ; The name "Open with" shows for phuluc.exe (else the exe's file description).
  WriteRegStr HKCU "Software\Classes\Applications\phuluc.exe" "FriendlyAppName" "${PRODUCT}"
  WriteRegStr HKCU "Software\Classes\Applications\phuluc.exe\DefaultIcon" "" "$INSTDIR\phuluc.exe,0"
  WriteRegStr HKCU "Software\Classes\Applications\phuluc.exe\shell\open\command" "" '"$INSTDIR\phuluc.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\phuluc.exe\SupportedTypes" ".json" ""
  ; Win+R "phuluc" starts it.
  WriteRegStr HKCU "${APP_PATHS_KEY}" "" "$INSTDIR\phuluc.exe"
  WriteRegStr HKCU "${APP_PATHS_KEY}" "Path" "$INSTDIR"
  ${NotifyShell_AssocChanged}

  ; Settings → Apps ("Apps & features", "Programs and Features").
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\phuluc.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "Comments" "Phụ lục 2, Bảng 2 – thống kê số liệu cải cách hành chính"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Biểu tượng trên màn hình nền (Desktop)" SecDesktop
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\phuluc.exe" "" "$INSTDIR\phuluc.exe" 0 \
    SW_SHOWNORMAL "" "Nhập, kiểm tra và in Phụ lục 2, Bảng 2 – thống kê cải cách hành chính"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "Chương trình, tài liệu hướng dẫn, báo cáo ví dụ và biểu tượng trong menu Start."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "Biểu tượng ${PRODUCT} trên màn hình nền, để mở chương trình nhanh."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; The desktop shortcut is on by default: the people this is for (commune officers, often on
; a shared office PC) look for a program on the desktop first, and it is their own desktop
; only. Untick it in the wizard, or pass /NODESKTOP with /S.
Function .onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------------------------------------
; Uninstalling: exactly what was installed, plus the registry keys and shortcuts. Never the
; user's reports (wherever they are), never %APPDATA%\phuluc (recovery copies, kept templates,
; window preferences).

Section "Uninstall"
  SetShellVarContext current

  ; The running program cannot be deleted: ask to close it first (silent: give up before
  ; anything is removed; the exit code is 2, though only seen with _?=, as the uninstaller
  ; runs from a copy in %TEMP%).
  ${If} ${FileExists} "$INSTDIR\phuluc.exe"
  retry:
    ClearErrors
    Delete "$INSTDIR\phuluc.exe"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Không xoá được $INSTDIR\phuluc.exe: ${PRODUCT} đang mở? Hãy đóng chương trình rồi bấm Thử lại (Retry)." /SD IDCANCEL IDRETRY retry
      SetErrorLevel 2
      Abort "${PRODUCT} đang mở; chưa gỡ được."
    ${EndIf}
  ${EndIf}

  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\fonts-OFL.txt"
  Delete "$INSTDIR\fonts-LiberationSerif-LICENSE.txt"
  ; The example only as installed: if the user has saved over it, it is their report now.
  ReadRegStr $2 HKCU "${UNINST_KEY}" "ExampleFileTime"
  ClearErrors
  GetFileTime "$INSTDIR\examples\${EXAMPLE}" $0 $1
  ${IfNot} ${Errors}
  ${AndIf} "$0.$1" == $2
    Delete "$INSTDIR\examples\${EXAMPLE}"
  ${EndIf}
  ; Only if empty: whatever else the user put there stays.
  RMDir "$INSTDIR\examples"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ${UnpinShortcut} "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"

  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\phuluc.exe"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  ; Only when nothing else is left in them (NSIS 3.06+ /ifempty checks values too), which is
  ; when the installer made them.
  DeleteRegKey /ifempty HKCU "Software\Classes\.json\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.json"
  DeleteRegKey HKCU "${APP_PATHS_KEY}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ${NotifyShell_AssocChanged}
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd
