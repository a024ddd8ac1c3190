"""dangvu — quản lý công tác xây dựng Đảng."""
