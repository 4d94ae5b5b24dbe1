pub fn inputs(_c: &rusqlite::Connection, _y: i32) -> crate::error::Result<String> {
    Ok(String::new())
}
