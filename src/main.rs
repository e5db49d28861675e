//! `phuluc`: with no arguments it opens the window; with report files or folders
//! (as Explorer passes the files dropped on the program's icon) it opens the one report,
//! or combines them all; with a command (`phuluc check FILE`) it works on the command line.

// No console window behind the GUI on Windows; the command line attaches to the
// console it was started from (see `attach_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

/// mimalloc rather than the system's allocator: a roll-up of thousands of reports makes
/// millions of small allocations from two threads (3.321 files: 0,24 s → 0,19 s here).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let paths = &args[1..];
    let all_reports = paths.iter().all(|a| {
        let path = std::path::Path::new(a);
        !a.to_string_lossy().starts_with('-')
            && (path.is_file() || (paths.len() > 1 || path.is_dir()) && path.exists())
    });
    if !all_reports {
        attach_console();
        return phuluc::cli::run(args);
    }
    let paths: Vec<std::path::PathBuf> = paths.iter().map(std::path::PathBuf::from).collect();
    match phuluc::gui::run(paths) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let text = format!(
                "Không mở được cửa sổ chương trình: máy này không có trình điều khiển đồ hoạ \
                 (DirectX 12, Vulkan hoặc OpenGL) dùng được. Hãy cập nhật trình điều khiển card \
                 màn hình hoặc nhờ người hỗ trợ kỹ thuật.\n\nCác lệnh dòng lệnh vẫn dùng được \
                 (phuluc --help).\n\nChi tiết: {e}"
            );
            attach_console();
            eprintln!("{text}");
            // Started by a double click there is no console to read: say it in a window.
            message_box("Phụ lục CCHC", &text);
            ExitCode::FAILURE
        }
    }
}

/// On Windows a GUI-subsystem program has no console; when started from a
/// terminal for a command, write to that terminal, in UTF-8 so that Vietnamese reads
/// right in cmd.exe and PowerShell (whose code page is 437 or 1258 by default).
#[cfg(windows)]
fn attach_console() {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const CP_UTF8: u32 = 65001;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn SetConsoleOutputCP(code_page: u32) -> i32;
    }
    // SAFETY: both take plain integers and have no preconditions; failure (no parent
    // console, output redirected) is harmless: then there is nothing to set.
    unsafe {
        if AttachConsole(ATTACH_PARENT_PROCESS) != 0 {
            SetConsoleOutputCP(CP_UTF8);
        }
    }
}

#[cfg(not(windows))]
fn attach_console() {}

/// A native message box (Windows), for what must be read when there is no window.
#[cfg(windows)]
fn message_box(title: &str, text: &str) {
    const MB_ICONERROR: u32 = 0x10;
    #[link(name = "user32")]
    unsafe extern "system" {
        fn MessageBoxW(window: *mut u8, text: *const u16, caption: *const u16, kind: u32) -> i32;
    }
    let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
    let (text, title) = (wide(text), wide(title));
    // SAFETY: both strings are NUL-terminated UTF-16 that live across the call; a null
    // owner window is allowed.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_ICONERROR,
        );
    }
}

#[cfg(not(windows))]
fn message_box(_title: &str, _text: &str) {}
