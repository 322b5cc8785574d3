"""The default theme ships inside the package, made from the repository's own folders (one copy of each).

A site's `templates/` and `theme/` override the built-in files of the same name; a site made with `site-builder new`
starts from the built-in `content/topics.toml`. setuptools maps each folder to a package of data under
`site_builder/builtin/`, so the wheel and the sdist carry them; run from the repository (or an editable install),
the package finds the same folders beside it (site_builder/load/theme.py). Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

BUILTIN = {  # package of data → folder of the repository, and which of its files
    "site_builder.builtin.templates": ("templates", ["**/*"]),
    "site_builder.builtin.theme": ("theme", ["**/*"]),
    "site_builder.builtin.content": ("content", ["topics.toml"]),
}

setup(
    packages=find_packages(include=["site_builder", "site_builder.*"]) + list(BUILTIN),
    package_dir={package: folder for package, (folder, _) in BUILTIN.items()},
    package_data={"site_builder.starter": ["files/*"],
                  **{package: files for package, (_, files) in BUILTIN.items()}},
)
