from django.urls import path

from courthall.roster import views, views_panel

app_name = "hall"

urlpatterns = [
    path("", views.board, name="board"),
    path("me/", views.me, name="me"),
    path("me/sign-in/", views.sign_in, name="sign_in"),
    path("me/sign-out/", views.sign_out, name="sign_out"),
    path("me/post/", views.take_post, name="take_post"),
    path("me/post/leave/", views.leave_post, name="leave_post"),
    path("me/out/", views.go_out, name="go_out"),
    path("me/back/", views.come_back, name="come_back"),
    path("me/leave/", views.leave_new, name="leave_new"),
    path("me/leave/<int:pk>/cancel/", views.leave_cancel, name="leave_cancel"),
    path("leave/", views.leave_inbox_page, name="leave_inbox"),
    path("leave/<int:pk>/decide/", views.leave_decide, name="leave_decide"),
    path("panel/", views_panel.panel, name="panel"),
    path("list/", views_panel.figure_list, name="list"),
]
