extensions = ["handbook_ext.apostrophes"]
language = "fr"
locale_dirs = ["locale"]
gettext_compact = False
