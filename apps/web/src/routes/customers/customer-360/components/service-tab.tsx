import { Col, Row } from 'antd';
import { LoyaltyCard } from './loyalty-card.tsx';
import { ServiceMessagesCard } from './service-messages-card.tsx';
import { ServiceSurveysCard } from './service-surveys-card.tsx';
import { ServiceVisitsCard } from './service-visits-card.tsx';

/** The 360 view's service tab: follow-up visits, surveys, recent messages, points and referrals, each loaded on its own. */
export function ServiceTab({ customerId }: { customerId: string }) {
  return (
    <Row gutter={[16, 16]} data-testid="customer-service">
      <Col xs={24}>
        <ServiceVisitsCard customerId={customerId} />
      </Col>
      <Col xs={24}>
        <ServiceSurveysCard customerId={customerId} />
      </Col>
      <Col xs={24} xl={16}>
        <ServiceMessagesCard customerId={customerId} />
      </Col>
      <Col xs={24} xl={8}>
        <LoyaltyCard customerId={customerId} />
      </Col>
    </Row>
  );
}
