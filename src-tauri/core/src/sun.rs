//! Solar position (NOAA), clear-sky UV index (Madronich 2007), sun-protection hours.
//! (Stub: filled in by the sun work.)
