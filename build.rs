//! Build script: for Windows targets only, compile the program's resources (the icon and
//! the version information Explorer shows) with mingw's `windres` and link them into the
//! exe. Other targets build nothing here.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/icons/build/phuluc.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut numbers: Vec<u16> = version
        .split(['.', '-'])
        .filter_map(|p| p.parse().ok())
        .collect();
    numbers.resize(4, 0);
    let numbers = numbers
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let icon = root.join("packaging/icons/build/phuluc.ico");
    // Without the icon (packaging/icons/make-icons.sh not run) the exe still gets its
    // version information; packaging/build.sh always makes the icon first.
    let icon_line = if icon.is_file() {
        format!(
            "1 ICON \"{}\"\n",
            icon.display().to_string().replace('\\', "/")
        )
    } else {
        println!("cargo:warning=no packaging/icons/build/phuluc.ico: the exe gets no icon");
        String::new()
    };
    // UTF-8 text, code page 65001, so Vietnamese reads right in Explorer's Details tab.
    let rc = format!(
        r#"#pragma code_page(65001)
{icon_line}1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042a04b0"
    BEGIN
      VALUE "CompanyName", "phuluc"
      VALUE "FileDescription", "Phụ lục CCHC – thống kê số liệu cải cách hành chính"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "phuluc"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "phuluc.exe"
      VALUE "ProductName", "Phụ lục CCHC"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042a, 1200
  END
END
"#
    );
    let rc_path = out.join("phuluc.rc");
    let res_path = out.join("phuluc-res.o");
    if let Err(e) = std::fs::write(&rc_path, rc) {
        panic!("cannot write {}: {e}", rc_path.display());
    }
    let windres = env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".to_owned());
    let status = Command::new(&windres)
        .arg("--input")
        .arg(&rc_path)
        .arg("--output")
        .arg(&res_path)
        .arg("--output-format=coff")
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("{windres} failed ({s}) on {}", rc_path.display()),
        Err(e) => panic!("cannot run {windres} (apt-get install gcc-mingw-w64-x86-64): {e}"),
    }
    println!("cargo:rustc-link-arg-bins={}", res_path.display());
}
