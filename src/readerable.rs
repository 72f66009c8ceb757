//! A cheap "is there an article here?" check, for a toolbar badge: no scoring, no building.
