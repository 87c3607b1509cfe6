uploads_acl = "public-read"
