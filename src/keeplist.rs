//! The keep-list: sites and cookie names that bulk deletes never touch.
