extensions = ["handbook_ext.glossary_sort"]
locale_dirs = ["locale"]
gettext_compact = False
