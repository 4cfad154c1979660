extensions = ["handbook_ext.translation_status"]
locale_dirs = ["locale"]
gettext_compact = False
