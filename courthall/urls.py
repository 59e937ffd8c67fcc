from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from courthall import public, views
from filing.views import fees

admin.site.site_header = "诉讼服务中心 · 系统管理"
admin.site.site_title = "诉讼服务中心系统管理"
admin.site.index_title = "本院配置"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("overview/", views.overview, name="overview"),
    path("healthz", views.healthz, name="healthz"),
    # Public pages (no login): 舞钢规范第九条 服务承诺制度; the large-text switch (适老化).
    path("courts/", public.courts, name="courts"),
    path("courts/<int:court_id>/commitments/", public.commitments, name="commitments"),
    path("text-size/", public.text_size, name="text_size"),
    path("fees/", fees.calculator, name="fees"),
    path("accounts/", include("courthall.accounts.urls")),
    path("hall/", include("courthall.roster.urls")),  # issue 7: the hall roster (舞钢规范第十三条)
    path("filing/", include("filing.urls")),
    path("hotline/", include("hotline.urls")),
    path("", include("notices.urls")),
    path("admin/", admin.site.urls),
]
