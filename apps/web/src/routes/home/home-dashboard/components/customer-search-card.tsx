import { SearchOutlined } from '@ant-design/icons';
import { Card, Flex, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCustomers } from '../../../../api/customers.ts';
import { TierTag } from '../../../../components/customer-badges.tsx';

/** A small "find my customer" box for agents and service reps: the first matches, Enter opens the full list. */
export function CustomerSearchCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const results = useCustomers({ q: query || undefined, sort: 'name' }, { limit: 5, enabled: query.length > 0 });
  const items = results.data?.pages[0]?.items ?? [];

  return (
    <Card title={t('home.customerSearchTitle')} style={{ height: '100%' }} data-testid="home-customer-search">
      <Input.Search
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('customers.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => value.trim() && void navigate(`/customers?q=${encodeURIComponent(value.trim())}`)}
        loading={results.isFetching}
        data-testid="home-customer-search-input"
      />
      {query && (
        <Flex vertical style={{ marginTop: 8 }}>
          {items.map((c) => (
            <Link key={c.id} to={`/customers/${c.id}`} className="anxin-list-item" data-testid={`home-customer-${c.id}`}>
              <Flex justify="space-between" gap={8}>
                <span>{c.name}</span>
                <TierTag tier={c.tier} />
              </Flex>
              <Typography.Text type="secondary" className="anxin-mono" style={{ fontSize: 12 }}>
                {[c.mobile, c.idNumber].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Link>
          ))}
          {!results.isFetching && items.length === 0 && <Typography.Text type="secondary">{t('customers.noMatch')}</Typography.Text>}
        </Flex>
      )}
    </Card>
  );
}
