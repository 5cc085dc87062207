import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { useAuth } from '../../app/auth.tsx';
import { homePath } from '../../app/nav.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') ? next : null;
}

export default function LoginPage() {
  const t = useT();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username: string | null; password: string | null }>({
    username: null,
    password: null,
  });

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.title')}`;
  }, [t]);

  if (state.status === 'loading') return <PageSpinner fullScreen />;
  if (state.status === 'signed-in') return <Navigate to={homePath(state.user.role)} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = {
      username: username.trim() === '' ? t('login.usernameRequired') : null,
      password: password === '' ? t('login.passwordRequired') : null,
    };
    setFieldErrors(missing);
    if (missing.username || missing.password) return;
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(username.trim(), password);
      navigate(safeNext(params.get('next')) ?? homePath(user.role), { replace: true });
    } catch (e) {
      setError(errorText(e, t));
      setSubmitting(false);
    }
  };

  // Plain elements around the form: Card and Typography would pull Tabs, Skeleton and Tooltip into the first load.
  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-main">
        <div className="login-column">
          <div className="login-brand">
            <span className="brand" aria-hidden="true">
              督
            </span>
            <h1>{t('app.title')}</h1>
          </div>
          <section className="login-card" aria-labelledby="login-heading">
            <h2 id="login-heading">{t('login.title')}</h2>
            {/* A plain form: antd's Form (with its validator) would add about 20 KB gzip to every first screen. */}
            <form className="login-form" noValidate onSubmit={(e) => void onSubmit(e)}>
              <div className="login-field">
                <label htmlFor="login-username">{t('login.username')}</label>
                <Input
                  id="login-username"
                  name="username"
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  prefix={<UserOutlined aria-hidden />}
                  autoComplete="username"
                  size="large"
                  autoFocus
                  status={fieldErrors.username ? 'error' : undefined}
                  aria-invalid={fieldErrors.username ? true : undefined}
                  aria-describedby={fieldErrors.username ? 'login-username-error' : undefined}
                />
                {fieldErrors.username ? (
                  <div id="login-username-error" className="login-field-error">
                    {fieldErrors.username}
                  </div>
                ) : null}
              </div>
              <div className="login-field">
                <label htmlFor="login-password">{t('login.password')}</label>
                <Input.Password
                  id="login-password"
                  name="password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  prefix={<LockOutlined aria-hidden />}
                  autoComplete="current-password"
                  size="large"
                  status={fieldErrors.password ? 'error' : undefined}
                  aria-invalid={fieldErrors.password ? true : undefined}
                  aria-describedby={fieldErrors.password ? 'login-password-error' : undefined}
                />
                {fieldErrors.password ? (
                  <div id="login-password-error" className="login-field-error">
                    {fieldErrors.password}
                  </div>
                ) : null}
              </div>
              {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
              <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
                {t('login.submit')}
              </Button>
            </form>
            <p className="login-hint">{t('login.hint')}</p>
          </section>
        </div>
      </main>
    </div>
  );
}
