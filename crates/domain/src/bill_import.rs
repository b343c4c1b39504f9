//! Reading bills from the files members and advocates hold, into one `Bill` each. Pure: the
//! same code runs in the browser (so a text file is reviewed before anything leaves the phone)
//! and on the server.

pub mod csv;
pub mod x12;
