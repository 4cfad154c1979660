extensions = ["handbook_ext.untranslated", "handbook_ext.completeness", "handbook_ext.draft_banner"]
locale_dirs = ["locale"]
gettext_compact = False
