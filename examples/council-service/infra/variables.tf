variable "region" {
  type    = string
  default = "eu-west-2"
}

variable "service" {
  type    = string
  default = "bin-collections"
}

variable "uploads_acl" {
  type    = string
  default = "private"
}

variable "db_password" {
  type      = string
  sensitive = true
}
