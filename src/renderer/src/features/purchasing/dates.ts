export { shortDate } from '../../../../shared/domain/dates';
