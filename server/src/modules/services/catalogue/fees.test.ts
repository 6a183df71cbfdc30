// What an application pays under the fee rules of the real catalogue, and under each rule kind (@open06/kernel/fees).
import { describe, expect, it } from 'vitest';
import type { Definition, Fee } from './catalogue.schema.ts';
import { loadCatalogue } from './catalogue.ts';
import { FeeError, quoteFee, type FeeInput } from '@open06/kernel/fees';

const catalogue = loadCatalogue();
const feeOf = (id: string): Fee => (catalogue.get(id) as Definition).fee;
const online = (values: FeeInput['values'] = {}, categories: string[] = []): FeeInput => ({ channel: 'online', values, categories });
const desk = (values: FeeInput['values'] = {}, categories: string[] = []): FeeInput => ({ channel: 'desk', values, categories });
const fee = (rule: Fee['rule'], exemptions: Fee['exemptions'] = []): Fee => ({ rule, exemptions, basis: [] });

describe('fees of the catalogue', () => {
  it('permanent residence: cheaper online than at the desk, free for exempted categories', () => {
    expect(quoteFee(feeOf('permanent-residence-registration'), online()).amount).toBe(10000);
    expect(quoteFee(feeOf('permanent-residence-registration'), desk()).amount).toBe(20000);
    const poor = quoteFee(feeOf('permanent-residence-registration'), desk({}, ['poor_household']));
    expect(poor).toMatchObject({ amount: 0, gross: 20000, exemption: { category: 'poor_household', reduction: 100 } });
  });

  it('birth registration on time is free; paper copies are paid each', () => {
    expect(quoteFee(feeOf('birth-registration'), online({ 'registration.copies': 0 })).amount).toBe(0);
    const q = quoteFee(feeOf('birth-registration'), desk({ 'registration.copies': 2 }));
    expect(q.amount).toBe(16000);
    expect(q.lines.map((l) => [l.label?.en, l.amount])).toEqual([
      ['Fee for a birth registered on time', 0],
      ['Paper copy of the birth certificate (each)', 16000],
    ]);
  });

  it('ID card: the reason decides; a lost card costs more than a damaged one, an age milestone nothing', () => {
    const idCard = feeOf('id-card-reissue');
    expect(quoteFee(idCard, desk({ 'request.reason': 'lost' })).amount).toBe(50000);
    expect(quoteFee(idCard, desk({ 'request.reason': 'damaged' })).amount).toBe(30000);
    expect(quoteFee(idCard, desk({ 'request.reason': 'age_milestone' })).amount).toBe(0);
  });

  it('criminal-record certificate: two certificates included, then 5,000 đồng each; students pay half', () => {
    const record = feeOf('criminal-record-certificate');
    expect(quoteFee(record, online({ 'request.copies': 1 })).amount).toBe(200000);
    expect(quoteFee(record, online({ 'request.copies': 4 })).amount).toBe(210000);
    expect(quoteFee(record, online({ 'request.copies': 4 }, ['student'])).amount).toBe(105000);
  });

  it('the best exemption applies; categories the fee does not list change nothing', () => {
    const record = feeOf('criminal-record-certificate');
    expect(quoteFee(record, online({ 'request.copies': 1 }, ['student', 'poor_household'])).exemption).toEqual({ category: 'poor_household', reduction: 100 });
    expect(quoteFee(record, online({ 'request.copies': 1 }, ['veteran'])).amount).toBe(200000);
  });

  it('motorbike registration: by fee area, then by the value of the vehicle', () => {
    const bike = feeOf('motorbike-registration');
    expect(quoteFee(bike, desk({ 'vehicle.feeArea': 'area1', 'vehicle.valueBand': 'gt40' })).amount).toBe(4000000);
    expect(quoteFee(bike, desk({ 'vehicle.feeArea': 'area2', 'vehicle.valueBand': 'le15' })).amount).toBe(200000);
    expect(quoteFee(bike, desk({ 'vehicle.feeArea': 'area3' })).amount).toBe(150000);
  });

  it('household health insurance: the reduced rate of the member’s rank, times the months', () => {
    const renewal = feeOf('household-health-insurance-renewal');
    expect(quoteFee(renewal, online({ 'contribution.memberOrder': 'first', 'contribution.months': 12 })).amount).toBe(1263600);
    expect(quoteFee(renewal, online({ 'contribution.memberOrder': 'second', 'contribution.months': 12 })).amount).toBe(884520);
    expect(quoteFee(renewal, online({ 'contribution.memberOrder': 'fifthPlus', 'contribution.months': 6 })).amount).toBe(252720);
  });

  it('a traffic fine is the amount of the decision', () => {
    expect(quoteFee(feeOf('traffic-fine-payment'), online({ 'decision.amount': 800000 })).amount).toBe(800000);
  });

  it('a land-certificate change costs what the province decided', () => {
    const land = feeOf('land-holder-change-registration');
    expect(quoteFee(land, { channel: 'desk', values: {}, localRates: { land_certificate_change: 28000 } }).amount).toBe(28000);
    expect(() => quoteFee(land, desk())).toThrow(new FeeError('land_certificate_change', 'the province has not set this rate'));
  });
});

describe('a value the rule needs is missing or unusable', () => {
  it('names the field', () => {
    const idCard = feeOf('id-card-reissue');
    expect(() => quoteFee(idCard, desk())).toThrow(FeeError);
    expect(() => quoteFee(idCard, desk({ 'request.reason': 'stolen' }))).toThrow('request.reason: no fee case for "stolen"');
    expect(() => quoteFee(feeOf('traffic-fine-payment'), online({ 'decision.amount': -5 }))).toThrow('decision.amount: expected a whole number ≥ 0, got -5');
    expect(() => quoteFee(feeOf('birth-registration'), online({ 'registration.copies': 1.5 }))).toThrow('registration.copies');
  });
});

describe('rule kinds', () => {
  it('free, fixed and by channel', () => {
    expect(quoteFee(fee({ kind: 'free' }), desk()).amount).toBe(0);
    expect(quoteFee(fee({ kind: 'fixed', amount: 50000 }), online()).amount).toBe(50000);
    expect(quoteFee(fee({ kind: 'by_channel', online: 115000, desk: 135000 }), online()).amount).toBe(115000);
  });

  it('a boolean field picks its case by true or false', () => {
    const rule: Fee['rule'] = { kind: 'by_field', field: 'late.is', cases: { true: { kind: 'fixed', amount: 5000 }, false: { kind: 'free' } } };
    expect(quoteFee(fee(rule), desk({ 'late.is': true })).amount).toBe(5000);
    expect(quoteFee(fee(rule), desk({ 'late.is': false })).amount).toBe(0);
  });

  it('a partial reduction is rounded to whole đồng', () => {
    const q = quoteFee(fee({ kind: 'fixed', amount: 7001 }, [{ category: 'student', label: { vi: 'Sinh viên', en: 'Student' }, reduction: 50 }]), desk({}, ['student']));
    expect(q).toMatchObject({ amount: 3501, gross: 7001, currency: 'VND' });
  });
});
