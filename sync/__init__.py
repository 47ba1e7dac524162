"""Everything between the local store and the back office (no Qt). Filled by the sync issues."""
