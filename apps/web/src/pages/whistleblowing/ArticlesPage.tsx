import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Switch } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import { type ArticleView, createArticle, fetchArticles, updateArticle } from '../../api/whistle.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { useWbT } from './wb-i18n.ts';

/** 安全知识: the office writes articles for the public portal; the server sanitises the HTML on save. */
export default function ArticlesPage() {
  const t = useWbT();
  const query = useQuery({ queryKey: queryKeys.articles(), queryFn: ({ signal }) => fetchArticles(signal) });
  const { data } = query;
  return (
    <>
      <PageTitle title={t('art.pageTitle')} />
      <ArticleEditor article={null} />
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isPending ? <PageSpinner /> : null}
      {data && data.articles.length === 0 ? <Empty description={t('art.empty')} /> : null}
      {data?.articles.map((a) => (
        <ArticleEditor key={`${a.id}-${a.version}`} article={a} />
      ))}
    </>
  );
}

/** One article's form (or a new one's); saving marks 'articles' stale, so the list refetches. */
function ArticleEditor({ article }: { article: ArticleView | null }) {
  const t = useWbT();
  const message = useToast();
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.bodyHtml ?? '');
  const [published, setPublished] = useState(article?.published ?? false);
  const save = async () => {
    try {
      if (article) await updateArticle(article.id, { version: article.version, title, bodyHtml: body, published });
      else {
        await createArticle({ title, bodyHtml: body, published });
        setTitle('');
        setBody('');
      }
      message.success(t('wb.done'));
    } catch (error) {
      message.error(errorText(error, t));
    }
  };
  return (
    <Card
      size="small"
      title={article ? article.title : t('art.new')}
      style={{ marginBottom: 12 }}
      extra={
        article?.published ? (
          <a href={`/public/articles/${article.slug}`} target="_blank" rel="noreferrer">
            {t('art.view')}
          </a>
        ) : null
      }
    >
      <div className="field-block">
        <span>{t('art.title')}</span>
        <Input aria-label={t('art.title')} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field-block">
        <span>{t('art.body')}</span>
        <Input.TextArea aria-label={t('art.body')} rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <p>
        <Switch aria-label={t('art.published')} checked={published} onChange={setPublished} /> {t('art.published')}
      </p>
      <Button type="primary" onClick={save}>
        {t('art.save')}
      </Button>
    </Card>
  );
}
