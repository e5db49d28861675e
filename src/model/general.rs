//! The general information of a report: who reports, for which year, signed by whom.
//! The year, the report date and the number of communes are typed values, checked as
//! the officer types; the rest is text kept as typed (NFC).

use chrono::NaiveDate;

use super::template::Level;
use super::value::{self, NumberKind};

/// The general information: who reports, for when, signed by whom.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GeneralInfo {
    /// "Ủy ban nhân dân xã …".
    pub unit_name: String,
    /// Commune or district.
    pub level: Option<Level>,
    /// "Tỉnh …".
    pub province: String,
    /// Report year, as typed.
    pub year: String,
    /// Number of the report the appendix goes with ("411").
    pub report_number: String,
    /// Date of the report, as typed (dd/mm/yyyy).
    pub report_date: String,
    /// Number of commune-level units under the unit, as typed.
    pub communes: String,
    /// Who prepared the appendix.
    pub prepared_by: String,
    /// Their position.
    pub prepared_title: String,
    /// Phone or e-mail.
    pub contact: String,
    /// Who signs.
    pub signer: String,
    /// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH".
    pub signer_authority: String,
    /// "CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub signer_title: String,
}

/// A text field of the general information (the unit's level is a choice, not text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeneralField {
    /// Tên đơn vị.
    UnitName,
    /// Tỉnh, thành phố.
    Province,
    /// Report year (a typed value: checked).
    Year,
    /// Số báo cáo.
    ReportNumber,
    /// Report date (a typed value: checked).
    ReportDate,
    /// Commune-level units under the unit (a typed value: checked).
    Communes,
    /// Người lập biểu.
    PreparedBy,
    /// Chức vụ người lập.
    PreparedTitle,
    /// Điện thoại, email.
    Contact,
    /// Người ký.
    Signer,
    /// Thẩm quyền ký.
    SignerAuthority,
    /// Chức vụ người ký.
    SignerTitle,
}

impl GeneralField {
    /// Every field, in the order the general-information tab shows them.
    pub const ALL: [GeneralField; 12] = [
        GeneralField::UnitName,
        GeneralField::Province,
        GeneralField::Year,
        GeneralField::ReportNumber,
        GeneralField::ReportDate,
        GeneralField::Communes,
        GeneralField::PreparedBy,
        GeneralField::PreparedTitle,
        GeneralField::Contact,
        GeneralField::Signer,
        GeneralField::SignerAuthority,
        GeneralField::SignerTitle,
    ];
}

impl GeneralInfo {
    /// What a field holds, as typed.
    pub fn field(&self, field: GeneralField) -> &str {
        match field {
            GeneralField::UnitName => &self.unit_name,
            GeneralField::Province => &self.province,
            GeneralField::Year => &self.year,
            GeneralField::ReportNumber => &self.report_number,
            GeneralField::ReportDate => &self.report_date,
            GeneralField::Communes => &self.communes,
            GeneralField::PreparedBy => &self.prepared_by,
            GeneralField::PreparedTitle => &self.prepared_title,
            GeneralField::Contact => &self.contact,
            GeneralField::Signer => &self.signer,
            GeneralField::SignerAuthority => &self.signer_authority,
            GeneralField::SignerTitle => &self.signer_title,
        }
    }

    /// Store what was typed into a field: as typed, in NFC (Unikey may send either form).
    pub fn set(&mut self, field: GeneralField, text: &str) {
        let slot = match field {
            GeneralField::UnitName => &mut self.unit_name,
            GeneralField::Province => &mut self.province,
            GeneralField::Year => &mut self.year,
            GeneralField::ReportNumber => &mut self.report_number,
            GeneralField::ReportDate => &mut self.report_date,
            GeneralField::Communes => &mut self.communes,
            GeneralField::PreparedBy => &mut self.prepared_by,
            GeneralField::PreparedTitle => &mut self.prepared_title,
            GeneralField::Contact => &mut self.contact,
            GeneralField::Signer => &mut self.signer,
            GeneralField::SignerAuthority => &mut self.signer_authority,
            GeneralField::SignerTitle => &mut self.signer_title,
        };
        *slot = value::nfc(text);
    }

    /// The report year, when it reads as one.
    pub fn year(&self) -> Option<i32> {
        self.check(GeneralField::Year)
            .ok()
            .flatten()
            .map(|y| y as i32)
    }

    /// The report date, when it reads as one.
    pub fn report_date(&self) -> Option<NaiveDate> {
        value::parse_date(&self.report_date).ok().flatten()
    }

    /// Number of commune-level units, when it reads as one.
    pub fn communes(&self) -> Option<u32> {
        self.check(GeneralField::Communes)
            .ok()
            .flatten()
            .map(|c| c as u32)
    }

    /// Check a field; `Ok(None)` when empty or plain text, the message when a typed
    /// field (year, date, number of communes) cannot be read.
    pub fn check(&self, field: GeneralField) -> Result<Option<i64>, String> {
        match field {
            GeneralField::Year => {
                let y = value::parse_number(&self.year, NumberKind::Count)
                    .map_err(|e| format!("năm báo cáo: {e}"))?;
                match y {
                    None => Ok(None),
                    Some(y) if (2000.0..=2100.0).contains(&y) && !self.year.contains('.') => {
                        Ok(Some(y as i64))
                    }
                    Some(_) => Err("năm báo cáo phải là năm có 4 chữ số, ví dụ 2025".to_owned()),
                }
            }
            GeneralField::ReportDate => value::parse_date(&self.report_date)
                .map(|d| d.map(|_| 0))
                .map_err(|e| format!("ngày báo cáo: {e}")),
            GeneralField::Communes => {
                let c = value::parse_number(&self.communes, NumberKind::Count)
                    .map_err(|e| format!("số đơn vị cấp xã: {e}"))?;
                match c {
                    Some(c) if c > 10_000.0 => {
                        Err("số đơn vị cấp xã trực thuộc quá lớn".to_owned())
                    }
                    c => Ok(c.map(|c| c as i64)),
                }
            }
            _ => Ok(None),
        }
    }

    /// "UBND thị xã Ngã Năm" from "Ủy ban nhân dân thị xã Ngã Năm", for the "của …" line.
    pub fn issuer_short(&self) -> String {
        let name = self.unit_name.trim();
        for long in ["Ủy ban nhân dân ", "Uỷ ban nhân dân ", "ỦY BAN NHÂN DÂN "] {
            if let Some(rest) = name.strip_prefix(long) {
                return format!("UBND {rest}");
            }
        }
        name.to_owned()
    }

    /// "(Kèm theo Báo cáo số 411/BC-UBND ngày 16 tháng 12 năm 2021 của UBND thị xã Ngã Năm)",
    /// with dots where a part is not filled in yet.
    pub fn attachment_line(&self) -> String {
        let number = match self.report_number.trim() {
            "" => "…",
            n => n,
        };
        let date = match self.report_date() {
            Some(d) => value::format_date_long(d),
            None => "ngày … tháng … năm …".to_owned(),
        };
        let issuer = match self.issuer_short() {
            s if s.is_empty() => "…".to_owned(),
            s => s,
        };
        format!("(Kèm theo Báo cáo số {number}/BC-UBND {date} của {issuer})")
    }
}
