export { MyServicesCard } from './MyServicesCard';
