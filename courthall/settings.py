"""Courthall settings: one module, driven by the environment.

Every value a deployment changes comes from an environment variable; the defaults are for a developer's
machine (SQLite under var/, the development secret key). With DEBUG off the development key is refused.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "courthall-development-key-never-use-in-production"

# A machine that sets no SECRET_KEY is a developer's: DEBUG defaults on there (and the hosts are local only).
# A deployment sets SECRET_KEY, and DEBUG then defaults off; DEBUG off with the development key is refused.
DEBUG = env_bool("DEBUG", "SECRET_KEY" not in os.environ)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "DEBUG 已关闭，但 SECRET_KEY 仍是开发用密钥：生产环境必须通过环境变量 SECRET_KEY 设置自己的密钥"
        "（开发时请设置 DEBUG=true）。"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

INSTALLED_APPS = [
    "courthall",
    "notices",
    "filing",
    "hotline",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "courthall.urls"
WSGI_APPLICATION = "courthall.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "courthall.context_processors.workplace",
                "courthall.context_processors.text_size",  # issue 7 (overview): 大字模式
                "notices.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'courthall.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "courthall.User"
AUTHENTICATION_BACKENDS = ["courthall.auth.CourthallBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
# The compact document fonts `manage.py build_fonts` cuts from Noto CJK (courthall/fonts.py).
COURTHALL_FONT_DIR = Path(os.environ.get("COURTHALL_FONT_DIR", VAR_DIR / "fonts"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each of its seven rendering steps at INFO: keep warnings about documents only.
    # fontTools narrates every step of `manage.py build_fonts` at INFO, glyph lists included.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- Courthall -------------------------------------------------------------------------------------------

# DOMAIN.md §4 (unverified): does a make-up working Saturday (调休) that is the last day of a calendar-day
# period end the period on that day? Default yes: it is a working day.
COURTHALL_MAKEUP_WORKDAY_ENDS_PERIOD = env_bool("COURTHALL_MAKEUP_WORKDAY_ENDS_PERIOD", True)

# 登记立案规定 art. 7 sets no number of days for corrections: the court fixes the period (default 7).
COURTHALL_CORRECTION_DAYS = int(os.environ.get("COURTHALL_CORRECTION_DAYS", "7"))

# Pre-filing mediation (诉前调解): the limit in calendar days from the day it starts (courthall.deadlines
# .statutory_deadline). Court practice and 委派调解指导意见 (法发〔2020〕1号): 30 days, longer only with the
# parties' consent (recorded as an extension). 钢城承诺六: no unjustified over-time mediation.
COURTHALL_MEDIATION_DAYS = int(os.environ.get("COURTHALL_MEDIATION_DAYS", "30"))
# The case type (类型代字) of an application for judicial confirmation of an agreement reached in the court's
# pre-filing mediation: 诉前调确 (案号规定, 2018 revision); courts that number them as special procedure
# cases set 民特.
COURTHALL_MEDIATION_CONFIRMATION_TYPE = os.environ.get("COURTHALL_MEDIATION_CONFIRMATION_TYPE", "诉前调确")

# 举证期限 printed on the 举证通知书 issued with the acceptance notice, counted from the day after service.
# 民诉法解释 art. 99: at least 15 days for ordinary first-instance procedure, at most 15 for the simplified
# procedure; the procedure is not yet decided at registration, and 15 days satisfies both.
COURTHALL_EVIDENCE_PERIOD_DAYS = int(os.environ.get("COURTHALL_EVIDENCE_PERIOD_DAYS", "15"))

# An online filing submitted after this hour (court's local time) counts as received on the next day for
# the hall's same-day and 3-working-day review clocks; the statutory 7-day period still runs from the date
# it arrived. Courts' office hours end at 17:00 or 17:30 depending on the season.
COURTHALL_ONLINE_DAY_ENDS_AT = os.environ.get("COURTHALL_ONLINE_DAY_ENDS_AT", "17:00")

# Text messages (courthall.sms). The sender is a dotted path to a class with `send(message)`; the default
# only keeps the message in the outbox, which administrators read in the admin.
COURTHALL_SMS_SENDER = os.environ.get("COURTHALL_SMS_SENDER", "courthall.sms.OutboxSender")
# One-time codes: how long a code is valid, how often and how many times a day one mobile may get one,
# and how many wrong tries burn a code.
COURTHALL_SMS_CODE_MINUTES = int(os.environ.get("COURTHALL_SMS_CODE_MINUTES", "10"))
COURTHALL_SMS_CODE_INTERVAL_SECONDS = int(os.environ.get("COURTHALL_SMS_CODE_INTERVAL_SECONDS", "60"))
COURTHALL_SMS_CODES_PER_DAY = int(os.environ.get("COURTHALL_SMS_CODES_PER_DAY", "10"))
COURTHALL_SMS_CODE_MAX_ATTEMPTS = int(os.environ.get("COURTHALL_SMS_CODE_MAX_ATTEMPTS", "5"))

# DOMAIN.md §5 (unverified): whether two halving grounds (simplified procedure and mediation) halve twice.
COURTHALL_FEE_HALVE_TWICE = env_bool("COURTHALL_FEE_HALVE_TWICE", False)

# Uploaded materials (courthall/uploads.py). The largest file accepted, in bytes (default 50 MiB); the web
# server in front (nginx client_max_body_size) must allow at least this much, or it refuses first.
COURTHALL_UPLOAD_MAX_BYTES = int(os.environ.get("COURTHALL_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
# The most pages a PDF may have: a thicker bundle is split, so that each file opens quickly for a clerk.
COURTHALL_UPLOAD_MAX_PAGES = int(os.environ.get("COURTHALL_UPLOAD_MAX_PAGES", "300"))
# The most pixels (width × height) an image may have: a 40 MP photo or an A4 page scanned at 600 dpi (35 MP)
# fits. Decoding costs up to 4 bytes a pixel, so this bounds the memory a thumbnail takes.
COURTHALL_UPLOAD_MAX_PIXELS = int(os.environ.get("COURTHALL_UPLOAD_MAX_PIXELS", "40000000"))

# --- The 12368 line (hotline; DOMAIN.md §7: every limit is a setting) -----------------------------------


def _kind_days(text: str) -> dict[str, int]:
    """ "complaint=5,suggestion=3" → {"complaint": 5, "suggestion": 3}."""
    return {key.strip(): int(value) for key, value in (item.split("=") for item in text.split(",") if item)}


# The kinds of ticket transferred the same working day they are taken (seed 002: 联系类、投诉类、建议类事项
# 当日转交相关人员和部门).
COURTHALL_HOTLINE_SAME_DAY_TRANSFER_KINDS = tuple(
    os.environ.get("COURTHALL_HOTLINE_SAME_DAY_TRANSFER_KINDS", "contact_judge,complaint,suggestion").split(
        ","
    )
)
# Working days the receiver of a transfer has to reply, per kind (DOMAIN.md §7: 2 working days, Guangdong and
# Heilongjiang's rule); "default" for kinds not named. File-review appointments (阅卷) are due within 3.
COURTHALL_HOTLINE_REPLY_WORKING_DAYS = {
    "default": 2,
    "appointment": 3,
    **_kind_days(os.environ.get("COURTHALL_HOTLINE_REPLY_WORKING_DAYS", "")),
}
# Working days to call back a missed caller, and to give a caller the reply once it is in (0: the same day).
COURTHALL_HOTLINE_CALLBACK_WORKING_DAYS = int(os.environ.get("COURTHALL_HOTLINE_CALLBACK_WORKING_DAYS", "0"))
COURTHALL_HOTLINE_ANSWER_WORKING_DAYS = int(os.environ.get("COURTHALL_HOTLINE_ANSWER_WORKING_DAYS", "0"))
# The staffing target (舞钢规范第十条; Henan: answered within 10 seconds): the share of calls answered within
# so many seconds that the agents rostered should reach (Erlang C, hotline.staffing).
COURTHALL_HOTLINE_ANSWER_WITHIN_SECONDS = int(os.environ.get("COURTHALL_HOTLINE_ANSWER_WITHIN_SECONDS", "10"))
COURTHALL_HOTLINE_SERVICE_LEVEL = float(os.environ.get("COURTHALL_HOTLINE_SERVICE_LEVEL", "0.9"))
