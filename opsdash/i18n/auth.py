"""UI text of the auth area: sign-in, roles, the admin page and hosted-mode problems."""

_SECRET_HINT = (
    'python -c "import secrets; print(secrets.token_urlsafe(48))"'  # shown in both languages
)

MESSAGES: dict[str, dict[str, str]] = {
    "auth.title": {"zh": "登录", "en": "Sign in"},
    "auth.intro": {
        "zh": "opsdash 运营看板仅对团队成员开放，请用你的账号登录。",
        "en": "This opsdash dashboard is for your team only. Sign in with your account.",
    },
    "auth.username": {"zh": "用户名", "en": "Username"},
    "auth.password": {"zh": "密码", "en": "Password"},
    "auth.submit": {"zh": "登录", "en": "Sign in"},
    "auth.logout": {"zh": "退出登录", "en": "Sign out"},
    "auth.logged_out": {"zh": "你已退出登录。", "en": "You are signed out."},
    "auth.invalid": {
        "zh": "用户名或密码不正确。",
        "en": "Incorrect username or password.",
    },
    "auth.locked": {
        "zh": "登录失败次数过多，账号已临时锁定，请在 {minutes} 分钟后再试（或请管理员解锁）。",
        "en": "Too many failed sign-ins: this account is locked for {minutes} more minute(s). "
        "Try again later or ask an admin to unlock it.",
    },
    "auth.signed_in_as": {"zh": "当前用户：{name}（{role}）", "en": "Signed in as {name} ({role})"},
    "auth.forbidden": {
        "zh": "你的角色（{role}）无权执行此操作：{action}。",
        "en": "Your role ({role}) may not do this: {action}.",
    },
    "auth.page_forbidden": {
        "zh": "你的角色无权访问此页面。",
        "en": "Your role may not open this page.",
    },
    "auth.demo_notice": {
        "zh": "本地演示模式：演示管理员账号 {username} / {password}。"
        "正式使用前请创建自己的账号并删除它。",
        "en": "Local demo mode: demo admin {username} / {password}. Create your own accounts "
        "and remove it before sharing the dashboard.",
    },
    "auth.hosted_refused": {
        "zh": "托管模式（OPSDASH_HOSTED=1）拒绝启动，请先修正以下配置：",
        "en": "Hosted mode (OPSDASH_HOSTED=1) refuses to start until these are fixed:",
    },
    # Roles and actions
    "auth.role.admin": {"zh": "管理员", "en": "admin"},
    "auth.role.editor": {"zh": "编辑", "en": "editor"},
    "auth.role.viewer": {"zh": "只读", "en": "viewer"},
    "auth.action.view": {"zh": "查看看板", "en": "view dashboards"},
    "auth.action.import": {"zh": "导入数据", "en": "import data"},
    "auth.action.set_targets": {"zh": "设置目标", "en": "set targets"},
    "auth.action.undo_batch": {"zh": "撤销导入批次", "en": "undo import batches"},
    "auth.action.manage_users": {"zh": "管理用户", "en": "manage users"},
    # Admin page
    "auth.admin.title": {"zh": "团队与权限", "en": "Team access"},
    "auth.admin.caption": {
        "zh": "管理可登录看板的账号。管理员：全部权限（含用户管理、撤销导入）；"
        "编辑：导入数据、设置目标；只读：仅查看。",
        "en": "Accounts that may sign in. admin: everything (users, undo imports); "
        "editor: import data, set targets; viewer: read only.",
    },
    "auth.admin.users": {"zh": "账号列表", "en": "Accounts"},
    "auth.admin.col.username": {"zh": "用户名", "en": "Username"},
    "auth.admin.col.display_name": {"zh": "显示名", "en": "Display name"},
    "auth.admin.col.role": {"zh": "角色", "en": "Role"},
    "auth.admin.col.locked_until": {"zh": "锁定至 (UTC)", "en": "Locked until (UTC)"},
    "auth.admin.col.failed": {"zh": "连续失败次数", "en": "Failed sign-ins"},
    "auth.admin.col.created_at": {"zh": "创建时间 (UTC)", "en": "Created (UTC)"},
    "auth.admin.add": {"zh": "添加账号", "en": "Add an account"},
    "auth.admin.display_name": {"zh": "显示名（可选）", "en": "Display name (optional)"},
    "auth.admin.role": {"zh": "角色", "en": "Role"},
    "auth.admin.new_password": {"zh": "初始密码（至少 8 位）", "en": "Password (8+ characters)"},
    "auth.admin.add_submit": {"zh": "添加", "en": "Add"},
    "auth.admin.added": {"zh": "已添加账号 {username}。", "en": "Added {username}."},
    "auth.admin.edit": {"zh": "修改账号", "en": "Change an account"},
    "auth.admin.account": {"zh": "账号", "en": "Account"},
    "auth.admin.set_role": {"zh": "更改角色", "en": "Change role"},
    "auth.admin.role_set": {
        "zh": "{username} 的角色已改为 {role}。",
        "en": "{username} is now {role}.",
    },
    "auth.admin.reset_password": {"zh": "重置密码", "en": "Reset password"},
    "auth.admin.password_reset": {
        "zh": "已重置 {username} 的密码（并解除锁定）。",
        "en": "Password of {username} reset (and unlocked).",
    },
    "auth.admin.unlock": {"zh": "解除锁定", "en": "Unlock"},
    "auth.admin.unlocked": {"zh": "已解除 {username} 的锁定。", "en": "{username} unlocked."},
    "auth.admin.remove": {"zh": "删除账号", "en": "Remove account"},
    "auth.admin.remove_confirm": {
        "zh": "确认删除此账号",
        "en": "Yes, remove this account",
    },
    "auth.admin.removed": {"zh": "已删除账号 {username}。", "en": "Removed {username}."},
    "auth.admin.cli_hint": {
        "zh": "也可以在命令行管理：`opsdash users add 用户名 --role viewer`",
        "en": "From the command line: `opsdash users add USERNAME --role viewer`",
    },
    # Hosted-mode problems (also printed by the CLI)
    "auth.problem.cookie_key_default": {
        "zh": "登录 cookie 的签名密钥仍是内置默认值。请设置 OPSDASH_COOKIE_KEY"
        "（或 secrets.toml 的 [opsdash] 表中的 cookie_key）为至少 32 个随机字符，"
        f"例如用 {_SECRET_HINT} 生成。",
        "en": "The sign-in cookie key is the built-in default. Set OPSDASH_COOKIE_KEY "
        "(or cookie_key in the [opsdash] table of secrets.toml) to 32+ random characters, "
        f"e.g. from {_SECRET_HINT}.",
    },
    "auth.problem.cookie_key_short": {
        "zh": "登录 cookie 的签名密钥只有 {length} 个字符，至少需要 {minimum} 个。请把 "
        "OPSDASH_COOKIE_KEY（或 [opsdash] cookie_key）设为更长的随机值，"
        f"例如用 {_SECRET_HINT} 生成。",
        "en": "The sign-in cookie key has {length} characters; {minimum} or more are needed. "
        "Set OPSDASH_COOKIE_KEY (or [opsdash] cookie_key) to a longer random value, "
        f"e.g. from {_SECRET_HINT}.",
    },
    "auth.problem.sqlite_ephemeral": {
        "zh": "数据存储是 SQLite 文件，但 {platform} 重启后会清空本地磁盘，数据和账号都会丢失。"
        "请把 OPSDASH_DATABASE_URL（或 [opsdash] database_url）设为 PostgreSQL 地址，"
        "例如 postgresql://用户:密码@主机:5432/opsdash；"
        "如果磁盘确实是持久的，设置 OPSDASH_PERSISTENT_DISK=1。",
        "en": "The store is a SQLite file, but {platform} wipes the local disk on restart "
        "(data and accounts would be lost). Set OPSDASH_DATABASE_URL (or database_url in "
        "[opsdash]) to a PostgreSQL URL such as postgresql://USER:PASSWORD@HOST:5432/opsdash; "
        "if this disk does persist, set OPSDASH_PERSISTENT_DISK=1.",
    },
    "auth.problem.sqlite_not_persistent": {
        "zh": "OPSDASH_PERSISTENT_DISK=0 表示本地磁盘不持久，不能使用 SQLite。请把 "
        "OPSDASH_DATABASE_URL（或 [opsdash] database_url）设为 PostgreSQL 地址。",
        "en": "OPSDASH_PERSISTENT_DISK=0 says the local disk is not persistent, so SQLite "
        "cannot be used. Set OPSDASH_DATABASE_URL (or [opsdash] database_url) to a "
        "PostgreSQL URL.",
    },
    "auth.problem.demo_account": {
        "zh": "演示账号 {username}（公开的演示密码）仍然存在。请先创建自己的管理员："
        "opsdash users add 你的名字 --role admin，然后 opsdash users remove {username}"
        "（或 opsdash users reset-password {username}）。",
        "en": "The demo account {username} (with its published demo password) exists. Create "
        "your own admin with `opsdash users add NAME --role admin`, then run "
        "`opsdash users remove {username}` (or `opsdash users reset-password {username}`).",
    },
    "auth.problem.no_admin": {
        "zh": "还没有管理员账号，没人能登录。请运行 opsdash users add 你的名字 --role admin"
        "（托管环境中用同一个 OPSDASH_DATABASE_URL 运行）。",
        "en": "There is no admin account, so nobody can sign in. Run "
        "`opsdash users add NAME --role admin` (with the same OPSDASH_DATABASE_URL).",
    },
    # issue 18: weak keys, the generic page for anonymous visitors, ended sessions
    "auth.problem.cookie_key_weak": {
        "zh": "登录 cookie 的签名密钥不够随机（{reason}）。请把 OPSDASH_COOKIE_KEY"
        "（或 [opsdash] cookie_key）设为随机生成的值，"
        f"例如用 {_SECRET_HINT} 生成。",
        "en": "The sign-in cookie key is not random enough ({reason}). Set OPSDASH_COOKIE_KEY "
        "(or [opsdash] cookie_key) to a randomly generated value, "
        f"e.g. from {_SECRET_HINT}.",
    },
    "auth.not_configured": {
        "zh": "此仪表盘尚未配置完成，暂时无法使用。请联系管理员。",
        "en": "This dashboard is not configured yet. Please contact its administrator.",
    },
    "auth.session_ended": {
        "zh": "登录已失效（已在其他地方退出、密码已重置或已过期），请重新登录。",
        "en": "Your sign-in has ended (signed out elsewhere, password reset or expired). "
        "Please sign in again.",
    },
}
