/** Public API of the products module (product lines, products, coverages). */
export { productRoutes } from './product.routes.ts';
