import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { useAuth } from '../../app/auth.tsx';
import { homePath } from '../../app/nav.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useT } from '../../i18n/i18n.tsx';

interface Values {
  username: string;
  password: string;
}

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

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.title')}`;
  }, [t]);

  if (state.status === 'loading') return <PageSpinner fullScreen />;
  if (state.status === 'signed-in') return <Navigate to={homePath(state.user.role)} replace />;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password);
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
            <Form<Values> layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" size="large" autoFocus />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
              </Form.Item>
              {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
              <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
                {t('login.submit')}
              </Button>
            </Form>
            <p className="login-hint">{t('login.hint')}</p>
          </section>
        </div>
      </main>
    </div>
  );
}
