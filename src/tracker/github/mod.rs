//! The GitHub REST tracker.
