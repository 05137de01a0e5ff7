"""Rathaus: E-Akte and Serviceportal for German municipalities."""
from setuptools import find_packages, setup

requires = [
    'substanced',
    'pyramid',
    'pyramid_chameleon',
    'pyramid_tm',
    'pyramid_retry',
    'pyramid_zodbconn',
    'zodburi',
    'ZODB',
    'ZEO',
    'transaction',
    'deform',
    'colander',
    'repoze.catalog',
    'six',  # repoze.catalog imports it without declaring it
    'hypatia',
    'bcrypt',
    'fpdf2',
    'pyramid_mailer',
    'PyNaCl',
    'python-stdnum',
    'snowballstemmer',
    'PyYAML',
    'PasteDeploy',
    'waitress',
    'setuptools<81',  # pyramid 1.x, deform and Substance D import pkg_resources
]

tests_require = [
    'pytest',
    'WebTest',
    'hypothesis',
    'playwright',
    'aiosmtpd',
    'pypdf',
    'axe-playwright-python',  # ships axe-core's axe.min.js
]

setup(
    name='rathaus',
    version='0.1.0',
    description='E-Akte and Serviceportal for German municipalities',
    license='EUPL-1.2',
    python_requires='>=3.11,<3.12',
    package_dir={'': 'src'},
    packages=find_packages('src'),
    include_package_data=True,
    zip_safe=False,
    install_requires=requires,
    extras_require={'test': tests_require},
    entry_points={
        'paste.app_factory': [
            'akte = rathaus:akte_app',
            'portal = rathaus:portal_app',
        ],
        'paste.composite_factory': [
            'embedded = rathaus:embedded_app',
        ],
        'console_scripts': [
            'rathaus = rathaus.scripts.main:main',
        ],
        # FileStorage with its own blob support (rathaus/db/uri.py)
        'zodburi.resolvers': [
            'fsblob = rathaus.db.uri:resolve_fsblob',
            'zeo+sync = rathaus.db.uri:resolve_zeo_sync',
        ],
    },
)
